"""Room programs as data: one TOML file per room type (see ``scenegen.design.loader`` for the schema and
docs/room-programs.md for how to write one)."""
