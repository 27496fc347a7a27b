"""Safety in the web app: crisis routing for every free-text field, resources, harm screen."""
