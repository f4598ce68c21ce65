"""Names the models, the reports and the wizards of the addon share."""

# states of a TPP month (simantap.sanction.period)
OPEN_STATES = ("draft", "computed", "review")
LOCKED_STATES = ("locked", "exported")
# who computes, locks and exports a TPP month
PAYROLL = "simantap_attendance.group_simantap_payroll"
