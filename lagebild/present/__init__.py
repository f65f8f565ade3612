"""Ways out of the store: the export contract and readable views."""
