"""House-price prediction, end to end: data, cleaning, features, tuned models, API."""

__version__ = "0.1.0"
