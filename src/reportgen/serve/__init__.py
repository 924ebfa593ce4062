"""The live preview (`reportgen serve`): an HTTP server on the loopback address, file watching, the
preview page and the state it shows.

May import: build and everything below it."""
