"""{% if cookiecutter.data_source == "kaggle" %}A Kaggle competition workflow{% else %}A real-world prediction problem{% endif %}: fixed folds, out-of-fold models, ensembles{% if cookiecutter.data_source == "kaggle" %}, validated submissions{% endif %}."""

__version__ = "0.1.0"
