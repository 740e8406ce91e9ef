"""Rewrites a contract-layout dataset (gen_dataset.py's) as a CRM would export it: Salesforce-style
headers, the sector's words for values, and personal columns the importer must drop, under the
CRM's own file names, with a file mapping for each (contacts.yaml, engagements.yaml). For the
import benchmark (scripts/bench-import.sh): the same rows through mappings, header matching and
the value vocabularies, to compare with the canonical layout.

    python3 scripts/bench/crm_style.py IN_DIR OUT_DIR
"""
import csv
import os
import shutil
import sys

PARTICIPANT_HEADERS = {
    "participant_id": "Contact ID", "birth_year": "Year of birth", "gender": "Sex", "ethnicity": "Ethnic group",
    "region": "Home region", "postcode": "Mailing Zip/Postal Code", "school_type": "School type",
    "fsm": "Free School Meals", "first_generation": "First in family to attend university",
    "parental_occupation": "Parental occupation", "polar4_quintile": "POLAR4 quintile", "imd_quintile": "IMD Quintile",
    "care_experienced": "Care leaver", "disability": "Disabled", "consent_research": "Consent to data use for research",
}
VALUES = {
    "gender": {"female": "F", "male": "M", "non_binary": "Non-binary", "other": "Prefer to self-describe",
               "prefer_not_to_say": "Prefer not to say"},
    "ethnicity": {"asian": "Asian or Asian British - Pakistani", "black": "Black, Black British, Black Welsh, Caribbean or African - African",
                  "mixed": "Mixed or Multiple ethnic groups - White and Asian", "white": "White - English, Welsh, Scottish, Northern Irish or British",
                  "other": "Other ethnic group - Arab", "prefer_not_to_say": "Prefer not to say"},
    "school_type": {"state_non_selective": "Comprehensive", "state_selective": "Grammar", "independent": "Independent", "other": "Home educated"},
    "fsm": {"yes": "Eligible", "no": "Not eligible", "": "Don't know"},
    "first_generation": {"yes": "First in family", "no": "No", "": "Not sure"},
    "parental_occupation": {"professional": "Modern professional occupations", "intermediate": "Clerical and intermediate occupations",
                            "working_class": "Routine manual and service occupations", "other": "Other"},
    "care_experienced": {"yes": "Care leaver", "no": "No"},
    "disability": {"yes": "Yes", "no": "No"},
}
ENROLMENT_HEADERS = {"participant_id": "Contact: Contact ID", "cohort_id": "Cohort", "status": "Stage",
                     "applied_on": "Application date", "hours": "Hours attended"}
STAGES = {"applied": "Application Submitted", "offered": "Offer Made", "declined": "Offer Declined", "started": "Attending",
          "withdrawn": "Dropped out", "completed": "Completed"}


def uk_date(iso):
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}" if len(iso) == 10 else iso


def main(source, target):
    os.makedirs(target, exist_ok=True)
    for name in os.listdir(source):
        if name.endswith(".csv") and name not in ("participants.csv", "enrolments.csv"):
            shutil.copy(os.path.join(source, name), os.path.join(target, name))
    with open(os.path.join(source, "participants.csv"), newline="") as fin, \
            open(os.path.join(target, "crm-contacts.csv"), "w", newline="") as fout:
        reader = csv.DictReader(fin)
        columns = reader.fieldnames
        writer = csv.writer(fout)
        writer.writerow(["Contact: Full Name", "Email"] + [PARTICIPANT_HEADERS[c] for c in columns] + ["Contact Owner", "Lead Source"])
        for n, row in enumerate(reader):
            values = [VALUES.get(c, {}).get(row[c], row[c]) for c in columns]
            writer.writerow([f"Person {n}", ""] + values + ["Staff Member", "Website"])
    with open(os.path.join(source, "enrolments.csv"), newline="") as fin, \
            open(os.path.join(target, "crm-engagements.csv"), "w", newline="") as fout:
        reader = csv.DictReader(fin)
        columns = reader.fieldnames
        writer = csv.writer(fout)
        writer.writerow([ENROLMENT_HEADERS[c] for c in columns] + ["Contact Owner"])
        for row in reader:
            row["status"] = STAGES[row["status"]]
            row["applied_on"] = uk_date(row["applied_on"])
            writer.writerow([row[c] for c in columns] + ["Staff Member"])


    with open(os.path.join(target, "contacts.yaml"), "w") as f:
        f.write(CONTACTS_MAPPING)
    with open(os.path.join(target, "engagements.yaml"), "w") as f:
        f.write(ENGAGEMENTS_MAPPING)


CONTACTS_MAPPING = """file: crm-contacts.csv
kind: participants
id_column: Contact ID
columns:
  Home region: region
  Parental occupation: parental_occupation
values:
  school_type:
    Home educated: other
"""

ENGAGEMENTS_MAPPING = """file: crm-engagements.csv
kind: enrolments
id_column: "Contact: Contact ID"
columns:
  Stage: status
  Hours attended: hours
values:
  status:
    Attending: started
date_order: day_first
"""


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
