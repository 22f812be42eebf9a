package dev.skein.storage;

/** The whole index, both sides. */
public interface TraceIndex extends IndexWriter, IndexReader {}
