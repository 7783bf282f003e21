package dev.tunegate.examples;

import java.io.IOException;

/** Writes one kind of artifact (dataset, eval history, corpus, …) into an example workspace. */
interface ArtifactGenerator {
    void generate(Example example, ExampleFiles files) throws IOException;
}
