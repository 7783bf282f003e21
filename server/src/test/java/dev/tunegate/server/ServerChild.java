package dev.tunegate.server;

import java.nio.file.Path;

/** A server in its own JVM, for the crash test: prints its URL on one line and serves until killed. */
public final class ServerChild {
    private ServerChild() {}

    public static void main(String[] args) throws InterruptedException {
        TunegateServer s = TunegateServer.start(ReviewLoadTest.singleReview(Path.of(args[0])));
        System.out.println("tunegate serve: " + s.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
