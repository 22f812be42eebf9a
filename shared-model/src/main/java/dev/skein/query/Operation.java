package dev.skein.query;

/** A span name a service reports, with the span kind it was reported under (null when unknown). */
public record Operation(String name, String spanKind) {}
