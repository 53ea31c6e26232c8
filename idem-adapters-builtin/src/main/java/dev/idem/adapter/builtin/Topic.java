package dev.idem.adapter.builtin;

/** The design section a technology's fact belongs to; PITFALLS are listed among the failure modes. */
enum Topic { KEY, STORAGE, CONCURRENCY, TTL, RETRY, PITFALLS }
