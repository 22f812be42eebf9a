package dev.skein.emulators;

/**
 * An emulator could not be found, started or made ready. The message names what to do or where
 * to look (usually the emulator's log file).
 */
public final class EmulatorStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmulatorStartException(String message) {
        super(message);
    }

    public EmulatorStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
