"""``python -m caspian.maps`` runs the command line."""

from caspian.maps.cli.entry import run

if __name__ == "__main__":
    run()
