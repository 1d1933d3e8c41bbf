//! Holds the end-to-end tests in tests/; nothing to export.
