package ttk

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	testshared "github.com/locpipe/locpipe/internal/testenv"
)

// Python is the interpreter Translate Toolkit is installed for.
const Python = "/usr/bin/python3"

// Unit is what Translate Toolkit reads of one unit.
type Unit struct {
	ID       string  `json:"id"`
	Source   string  `json:"source"`
	Target   *string `json:"target"`
	Approved bool    `json:"approved"`
	Fuzzy    bool    `json:"fuzzy"`
	Notes    string  `json:"notes"`
}

const readScript = `
import json, sys
from translate.storage import factory
st = factory.getobject(sys.argv[1])
out = []
for u in st.units:
    if u.isheader():
        continue
    tgt = u.target
    d = {"id": u.getid() or "", "source": u.source or "", "target": None if tgt is None else str(tgt),
         "approved": bool(getattr(u, "isapproved", lambda: False)()), "fuzzy": bool(u.isfuzzy()),
         "notes": u.getnotes() or ""}
    out.append(d)
json.dump({"class": type(st).__name__, "units": out}, sys.stdout)
`

const editScript = `
import sys
from translate.storage import factory
path, uid, target, approve = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "yes"
st = factory.getobject(path)
found = False
for u in st.units:
    ident = u.getid() or ""
    if ident == uid or ident.endswith("\x04" + uid):
        u.target = target
        if approve:
            if hasattr(u, "markapproved"):
                u.markapproved(True)
            u.markfuzzy(False)
        found = True
if not found:
    sys.exit("no unit " + uid)
st.save()
`

func python(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(Python); err != nil {
		testshared.Skip(t, "Translate Toolkit: /usr/bin/python3 is missing (install Debian python3-translate)")
	}
	if out, err := exec.Command(Python, "-c", "import translate.storage.factory").CombinedOutput(); err != nil {
		testshared.Skip(t, "Translate Toolkit is not importable from /usr/bin/python3 (install Debian python3-translate): "+string(out))
	}
	return Python
}

// Read returns the class Translate Toolkit opened path with and its units
// (the header of a PO file left out).
func Read(t testing.TB, path string) (class string, units []Unit) {
	t.Helper()
	py := python(t)
	out, err := exec.Command(py, "-c", readScript, path).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("Translate Toolkit cannot read %s: %v\n%s", path, err, msg)
	}
	var res struct {
		Class string `json:"class"`
		Units []Unit `json:"units"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("Translate Toolkit's output for %s: %v", path, err)
	}
	return res.Class, res.Units
}

// Edit sets the target of the unit whose id is id (or ends with it after
// the file part Translate Toolkit puts before it) to target with
// Translate Toolkit, approves it (or clears fuzzy) when approve, and saves
// the file in place, as a reviewer's tool would.
func Edit(t testing.TB, path, id, target string, approve bool) {
	t.Helper()
	py := python(t)
	yes := "no"
	if approve {
		yes = "yes"
	}
	if out, err := exec.Command(py, "-c", editScript, path, id, target, yes).CombinedOutput(); err != nil {
		t.Fatalf("Translate Toolkit could not edit %s: %v\n%s", path, err, out)
	}
}

const editXLIFF2Script = `
import sys, re
import xml.etree.ElementTree as ET
path, needle, target = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(path, encoding="utf-8").read()
ns = re.search(r'xmlns="([^"]+)"', data).group(1)
ET.register_namespace("", ns)
tree = ET.ElementTree(ET.fromstring(data))
q = "{%s}" % ns
done = False
for seg in tree.iter(q + "segment"):
    src = seg.find(q + "source")
    if src is None or needle not in "".join(src.itertext()):
        continue
    tgt = seg.find(q + "target")
    if tgt is None:
        tgt = ET.SubElement(seg, q + "target")
    for k in list(tgt):
        tgt.remove(k)
    tgt.text = target
    seg.set("state", "reviewed")
    done = True
    break
if not done:
    sys.exit("no segment with " + needle)
tree.write(path, encoding="utf-8", xml_declaration=True)
`

// EditXLIFF2 sets, with Python's own XML library (Translate Toolkit 3.8
// has no XLIFF 2 storage class), the target of the first segment whose
// source contains needle to target (plain text) and marks it reviewed,
// as a reviewer's tool would.
func EditXLIFF2(t testing.TB, path, needle, target string) {
	t.Helper()
	if _, err := os.Stat(Python); err != nil {
		testshared.Skip(t, "/usr/bin/python3 is missing (install Debian python3-translate)")
	}
	if out, err := exec.Command(Python, "-c", editXLIFF2Script, path, needle, target).CombinedOutput(); err != nil {
		t.Fatalf("could not edit %s: %v\n%s", path, err, out)
	}
}
