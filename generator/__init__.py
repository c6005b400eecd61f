"""reportgen: Chinese work reports (党建工作总结) from YAML data.

Library use::

    from generator import api
    problems, report = api.load("report.yaml")
    api.render_file("report.yaml", "report.docx")
"""

__version__ = "0.1.0"
