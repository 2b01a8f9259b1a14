"""A member's training record ("mon parcours"): every module they completed, whatever the
source (quiz, SCORM package, session) and wherever they worked, its CSV, its PDF
attestation, and its part of the personal-data export."""
