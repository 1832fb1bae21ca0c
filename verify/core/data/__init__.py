"""Plain data shipped with the core (the default alias book); editable copies live in the database."""
