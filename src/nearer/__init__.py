"""nearer: build emotional closeness with the people who matter, on your own machine."""

__version__ = "0.1.0"
