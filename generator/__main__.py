try:
    from .cli import main
except ModuleNotFoundError as exc:  # run outside .venv: say how to run it, not a traceback
    raise SystemExit(
        f"python -m generator needs the project's packages ({exc.name} is missing). Run it inside the "
        "virtual environment: `make validate`, or `.venv/bin/python -m generator validate` once `make "
        "test` or `make serve` has set .venv up."
    ) from None

if __name__ == "__main__":
    raise SystemExit(main())
