"""The 政府信息公开工作年度报告: data/report/YEAR.yaml checked against its own
tables and the catalogue (`load`), rendered as a page (`provider`) and by `gongkai
report YEAR` (`build`). Nothing is imported here: the check runs on every build,
the report's rendering only where it is asked for."""
