package dev.skein.http;

/** A request parameter that is missing, malformed or out of range; answered with HTTP 400. */
public final class BadParameterException extends IllegalArgumentException {
    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter's name as the client sent it. */
    public String parameter() {
        return parameter;
    }
}
