package dev.tunegate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on 127.0.0.1: a Master and one Worker (the classes Spark's
 * {@code sbin/start-master.sh} and {@code start-worker.sh} run) as child JVMs with this module's
 * classpath; the job is submitted to {@code spark://127.0.0.1:PORT}, runs on the Worker's executor
 * (a third JVM the Worker launches), and its report must equal the local engine's.
 */
class StandaloneClusterTest {
    @TempDir
    Path dir;

    @Test
    void theJobOnAStandaloneClusterGivesTheLocalReport() throws Exception {
        AuditData.chat(dir, 41, 300);
        AuditRequest request = AuditRequest.of(dir.resolve("train.jsonl")).withGolden(dir.resolve("golden.jsonl"));
        AuditReport local = DatasetAudit.run(request, Progress.SILENT, 2);

        String cp = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String opts = System.getProperty("tunegate.spark.jvm.options", "");
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        int port = freePort();
        List<Process> started = new ArrayList<>();
        try {
            started.add(daemon(
                    java,
                    opts,
                    cp,
                    home,
                    "master",
                    List.of(
                            "org.apache.spark.deploy.master.Master",
                            "--host",
                            "127.0.0.1",
                            "--port",
                            String.valueOf(port),
                            "--webui-port",
                            String.valueOf(freePort()))));
            waitForPort(port, Duration.ofSeconds(60));
            started.add(daemon(
                    java,
                    opts,
                    cp,
                    home,
                    "worker",
                    List.of(
                            "org.apache.spark.deploy.worker.Worker",
                            "--host",
                            "127.0.0.1",
                            "--cores",
                            "2",
                            "--memory",
                            "1g",
                            "--webui-port",
                            String.valueOf(freePort()),
                            "--work-dir",
                            dir.resolve("work").toString(),
                            "spark://127.0.0.1:" + port)));
            SparkSession spark = SparkSession.builder()
                    .master("spark://127.0.0.1:" + port)
                    .appName("tunegate-standalone-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.executor.memory", "768m")
                    .config("spark.cores.max", "2")
                    .config("spark.executor.extraClassPath", cp)
                    .config("spark.executor.extraJavaOptions", opts)
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
            try {
                SparkAudit.Result res = SparkAudit.run(
                        spark,
                        request,
                        request.train().toString(),
                        request.golden().toString(),
                        4);
                // the work ran on the worker's executor, not in this JVM
                assertThat(spark.sparkContext().getExecutorMemoryStatus().size())
                        .isGreaterThan(1);
                JsonNode s = SparkAuditLocalTest.comparable(Json.mapper().valueToTree(res.report()));
                JsonNode l = SparkAuditLocalTest.comparable(Json.mapper().valueToTree(local));
                assertThat(l.get("exactDuplicateGroups").asLong()).isPositive();
                assertThat(l.get("leakedGoldenRows").asLong()).isPositive();
                assertThat(s.toPrettyString()).isEqualTo(l.toPrettyString());
                String json = SparkAuditCommand.reportJson(res.report());
                assertThat(Json.mapper().readTree(json).get("engine").asText()).isEqualTo("spark");
            } catch (Exception e) {
                throw new AssertionError("the job failed; the cluster's logs:\n" + logs(), e);
            } finally {
                spark.stop();
            }
        } finally {
            for (Process p : started.reversed()) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    private Process daemon(String java, String opts, String cp, Path home, String name, List<String> mainAndArgs)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String o : opts.split("\\s+")) if (!o.isBlank()) cmd.add(o);
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(cp);
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        // the Worker builds executor commands from SPARK_HOME/jars unless testing; the classpath is given instead
        pb.environment().put("SPARK_TESTING", "1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOG_DIR", dir.toString());
        return pb.start();
    }

    /** The tails of the master's, the worker's and the executors' logs. */
    private String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")
                            || p.getFileName().toString().equals("stderr"))
                    .toList()) {
                List<String> lines = Files.readAllLines(f);
                b.append("== ").append(f).append('\n');
                lines.subList(Math.max(0, lines.size() - 25), lines.size())
                        .forEach(l -> b.append(l).append('\n'));
            }
        }
        return b.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void waitForPort(int port, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError(
                "the master did not listen on " + port + ": " + Files.readString(dir.resolve("master.log")));
    }
}
