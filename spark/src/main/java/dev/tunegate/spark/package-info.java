/**
 * The dataset audit as an Apache Spark job: the same report as {@code tunegate audit} (the same
 * fields, meanings and findings, {@code "engine": "spark"}), from any path Spark reads.
 *
 * <p>Entry point: {@link dev.tunegate.spark.SparkAuditCommand} (the launcher's {@code --engine spark}
 * and {@code spark-submit}); the job is {@link dev.tunegate.spark.SparkAudit#run}. Per-row work and
 * the MinHash signatures, LSH bands and Jaccard estimates are core's ({@code dev.tunegate.audit.AuditRows},
 * {@code NearDuplicateIndex}); this module only distributes them. Not part of the CLI's jar.
 */
package dev.tunegate.spark;
