"""python_example.py: gasdep from Python, in the order a notebook would go.

Run from the repository root after building (make run) or installing:
    PYTHONPATH=python python3 docs/python_example.py
It prints a few figures; in a notebook, plot the DataFrames instead
(docs/tutorial.ipynb). The test suite runs it (tests/docs/test_examples.sh).
"""
import pandas as pd

import gasdep

# 1. One scenario, every output table as a DataFrame.
r = gasdep.run("scenarios/russia-cut-2022.ini")
print(r)  # the tables and their sizes
eu = (r.group_shares.query("region == 'EU'")
      .pivot(index="date", columns="group", values="share"))
print("EU monthly mean share by origin group (of supplied gas):")
print(eu.resample("MS").mean().loc["2022-05":"2022-10"].round(3))

# 2. The same with the Southern Gas Corridor doubled: what changes in south-eastern Europe?
big = gasdep.run("scenarios/russia-cut-2022.ini",
                 set={"corridor.southern-gas-corridor.capacity_factor": "2"})
cols = ["region", "unserved_mcm", "days_short", "share_mean_caspian"]
both = r.summary[cols].merge(big.summary[cols], on="region",
                             suffixes=("", "_tap20"))
print(both[both.region.isin(["SEE", "BG", "GR", "EU"])].round(3))

# 3. A custom loop over the stepping API: stop TurkStream mid-winter and
#    record Bulgaria's daily balance and shares.
m = gasdep.Model("scenarios/default.ini")
m.init()
rows = []
while m.step():
    if m.day == pd.Timestamp("2022-01-15"):
        m.set_capacity_factor("pipeline", "TurkStream", 0.0)
    bal = m.balance().loc["BG"]
    sh = m.shares(groups=True).loc["BG"]
    rows.append({"date": m.day, "unserved_mcm": bal.unserved_mcm,
                 "storage_fill": bal.storage_fill, "russia": sh["russia"],
                 "caspian": sh["caspian"]})
m.finish()
bg = pd.DataFrame(rows).set_index("date")
print("BG after the TurkStream stop:")
print(bg.loc["2022-01-14":"2022-01-20"].round(3))

# 4. A sweep through the batch API: unserved gas against TAP capacity.
sw = gasdep.sweep("scenarios/default.ini",
                  vary={"pipeline.TAP-IT.capacity": "5:15:5bcm/y"})
# a varied parameter's column carries the unit the sweep was written in
print(sw.sweep.query("region in ['EU', 'SEE']")
      [["run", "region", "pipeline.TAP-IT.capacity_bcm_y", "unserved_mcm",
        "days_short"]])

# 5. Errors carry the file:line messages.
try:
    gasdep.run("scenarios/default.ini", set={"pipeline.TAP-IT.capacity": "20"})
except gasdep.ScenarioError as e:
    print("rejected:", e.messages[0])
