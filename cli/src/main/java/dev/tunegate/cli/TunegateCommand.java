package dev.tunegate.cli;

public final class TunegateCommand {
    public static void main(String[] args) {}
}
