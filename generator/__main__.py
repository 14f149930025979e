from .cli import main

if __name__ == "__main__":  # not when a worker process (patterns.ChartWorker) imports it
    raise SystemExit(main())
