"""CIFAR-10 image classification in PyTorch: data, augmentation, CNNs, training, evaluation, API."""

__version__ = "0.1.0"
