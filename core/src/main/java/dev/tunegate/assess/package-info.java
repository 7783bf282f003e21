/** The main job, {@code tunegate assess}: {@link dev.tunegate.assess.Assessment} ties workspace, analyzers, policy and writers together. */
package dev.tunegate.assess;
