"""Pages out: page specs from the model, rendered by autoescaping Jinja2 templates into Markdown files."""
