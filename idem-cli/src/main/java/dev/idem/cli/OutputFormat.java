package dev.idem.cli;

/** {@code --format}: text for people, json for programs. */
enum OutputFormat { TEXT, JSON }
