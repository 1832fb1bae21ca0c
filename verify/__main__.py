"""`python -m verify`: the `verify` command, for when the script folder is not on PATH."""

from verify.cli import main

if __name__ == "__main__":
    main(prog_name="verify")
