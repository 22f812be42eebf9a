package dev.skein.cli;

/** The command line is wrong: exit status 2, the message and the usage. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
