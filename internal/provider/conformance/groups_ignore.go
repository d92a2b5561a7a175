package conformance

import "strings"

// js joins the parts of a state's JS.
func js(parts ...string) string { return strings.Join(parts, ", ") }

// ignoreGroups: IGNORE, IGNORE_NAME and IGNORE_TARGET keeping what exists
// while the rest changes. A "verify" state lists every record again: the
// ones the IGNORE kept must all still be there, unchanged.
func ignoreGroups() []Group {
	const (
		foo1  = `A("foo", "1.2.3.4")`
		foo2  = `A("foo", "2.3.4.5")`
		fooT  = `TXT("foo", "simple")`
		bar   = `A("bar", "5.5.5.5")`
		mail  = `CNAME("mail", "ghs.googlehosted.com.")`
		apex1 = `A("@", "1.2.3.4")`
		apex2 = `A("@", "2.3.4.5")`
		apexT = `TXT("@", "simple")`
	)
	all := js(foo1, foo2, fooT, bar, mail)
	allApex := js(apex1, apex2, apexT, bar, mail)
	verify := State{Name: "verify", JS: all, NoChanges: true}
	verifyApex := State{Name: "verify", JS: allApex, NoChanges: true}

	const (
		wfoo1 = `A("foo.bat", "1.2.3.4")`
		wfoo2 = `A("foo.bat", "2.3.4.5")`
		wfooT = `TXT("foo.bat", "simple")`
		wbar  = `A("bar.bat", "5.5.5.5")`
		wmail = `CNAME("mail.bat", "ghs.googlehosted.com.")`
	)
	wild := js(wfoo1, wfoo2, wfooT, wbar, wmail)

	const (
		mfoo1  = `A("foo", "1.1.1.1")`
		mfooA  = `AAAA("foo", "2003:dd:d7ff::fe71:aaaa")`
		mfooMX = `MX("foo", 10, "aspmx.l.google.com."), MX("foo", 20, "alt1.aspmx.l.google.com.")`
		zzzA   = `A("zzz", "3.3.3.3"), A("zzz", "4.4.4.4")`
		zzzAA  = `AAAA("zzz", "2003:dd:d7ff::fe71:cccc")`
	)
	modify := func(second string) string {
		return js(mfoo1, `A("foo", "`+second+`")`, mfooA, mfooMX, zzzA, zzzAA)
	}

	const (
		city = `A("dyndns-city1", "91.42.1.1"), A("dyndns-city2", "91.42.1.2"),
			AAAA("dyndns-city1", "2003:dd:d7ff::fe71:ce77"), AAAA("dyndns-city2", "2003:dd:d7ff::fe71:ce78")`
	)

	return []Group{
		{Name: "IGNORE main", States: []State{
			{Name: "create some records", JS: all},
			{Name: "ignore label", JS: js(bar, mail, `IGNORE("foo", "", "")`), NoChanges: true},
			verify,
			{Name: "ignore label, type", JS: js(fooT, bar, mail, `IGNORE("foo", "A", "")`), NoChanges: true},
			verify,
			{Name: "ignore label, type, target", JS: js(foo2, fooT, bar, mail, `IGNORE("foo", "A", "1.2.3.4")`), NoChanges: true},
			verify,
			{Name: "ignore type", JS: js(fooT, mail, `IGNORE("", "A", "")`), NoChanges: true},
			verify,
			{Name: "ignore type, target", JS: js(foo1, fooT, bar, mail, `IGNORE("", "A", "2.3.4.5")`), NoChanges: true},
			verify,
			{Name: "ignore target", JS: js(foo1, fooT, bar, mail, `IGNORE("", "", "2.3.4.5")`), NoChanges: true},
			verify,
			{Name: "ignore many types", JS: js(mail, `IGNORE("", "A,TXT", "")`), NoChanges: true},
			verify,
			{Name: "ignore type, target glob", JS: js(foo1, foo2, fooT, bar, `IGNORE("", "CNAME", "*.googlehosted.com.")`), NoChanges: true},
			verify,
		}},
		{Name: "IGNORE apex", States: []State{
			{Name: "create some records", JS: allApex},
			// The apex NS records the provider adds are configured records
			// that IGNORE("@") matches too.
			{Name: "apex label", JS: js(bar, mail, `IGNORE("@", "", ""), DISABLE_IGNORE_SAFETY_CHECK`), NoChanges: true},
			verifyApex,
			{Name: "apex label, type", JS: js(apexT, bar, mail, `IGNORE("@", "A", "")`), NoChanges: true},
			verifyApex,
			{Name: "apex label, type, target", JS: js(apex2, apexT, bar, mail, `IGNORE("@", "A", "1.2.3.4"), DISABLE_IGNORE_SAFETY_CHECK`), NoChanges: true},
			verifyApex,
			{Name: "apex type", JS: js(apexT, mail, `IGNORE("", "A", "")`), NoChanges: true},
			verifyApex,
			{Name: "apex type, target", JS: js(apex1, apexT, bar, mail, `IGNORE("", "A", "2.3.4.5")`), NoChanges: true},
			verifyApex,
			{Name: "apex target", JS: js(apex1, apexT, bar, mail, `IGNORE("", "", "2.3.4.5")`), NoChanges: true},
			verifyApex,
			{Name: "apex many types", JS: js(mail, `IGNORE("", "A,TXT", "")`), NoChanges: true},
			verifyApex,
		}},
		{Name: "IGNORE unsafe", States: []State{
			{Name: "create some records", JS: `TXT("foo", "simple"), A("foo", "1.2.3.4"), TXT("@", "asimple"), A("@", "2.2.2.2")`},
			{Name: "ignore the apex, records configured there", JS: `TXT("foo", "simple"), A("foo", "1.2.3.4"), TXT("@", "asimple"), A("@", "2.2.2.2"),
				IGNORE("@", "", ""), DISABLE_IGNORE_SAFETY_CHECK`, NoChanges: true},
			{Name: "verify", JS: `TXT("foo", "simple"), A("foo", "1.2.3.4"), TXT("@", "asimple"), A("@", "2.2.2.2")`, NoChanges: true},
			{Name: "ignore a label, records configured there", JS: `TXT("foo", "simple"), A("foo", "1.2.3.4"), TXT("@", "asimple"), A("@", "2.2.2.2"),
				IGNORE("foo", "", ""), DISABLE_IGNORE_SAFETY_CHECK`, NoChanges: true},
			{Name: "verify again", JS: `TXT("foo", "simple"), A("foo", "1.2.3.4"), TXT("@", "asimple"), A("@", "2.2.2.2")`, NoChanges: true},
		}},
		{Name: "IGNORE wilds", States: []State{
			{Name: "create some records", JS: wild},
			{Name: "ignore label foo.*", JS: js(wbar, wmail, `IGNORE("foo.*", "", "")`), NoChanges: true},
			{Name: "verify", JS: wild, NoChanges: true},
			{Name: "ignore label *.bat, type", JS: js(wfooT, wmail, `IGNORE("*.bat", "A", "")`), NoChanges: true},
			{Name: "verify", JS: wild, NoChanges: true},
			{Name: "ignore target *.domain", JS: js(wfoo1, wfoo2, wfooT, wbar, `IGNORE("", "", "*.googlehosted.com.")`), NoChanges: true},
			{Name: "verify", JS: wild, NoChanges: true},
		}},
		{Name: "IGNORE with modify", States: []State{
			{Name: "create some records", JS: modify("10.10.10.10")},
			{Name: "change elsewhere in the zone", JS: js(`IGNORE("zzz", "A", "")`, mfoo1, `A("foo", "11.11.11.11")`, mfooA, mfooMX, zzzAA)},
			{Name: "verify", JS: modify("11.11.11.11"), NoChanges: true},
			{Name: "change at the label", JS: js(`IGNORE("foo", "MX", "")`, mfoo1, `A("foo", "12.12.12.12")`, mfooA, zzzA, zzzAA)},
			{Name: "verify", JS: modify("12.12.12.12"), NoChanges: true},
			{Name: "change in the set, other types ignored", JS: js(`IGNORE("foo", "MX,AAAA", "")`, mfoo1, `A("foo", "13.13.13.13")`, zzzA, zzzAA)},
			{Name: "verify", JS: modify("13.13.13.13"), NoChanges: true},
			{Name: "change in the set, one record ignored", JS: js(`IGNORE("foo", "A", "1.1.1.1")`, `A("foo", "14.14.14.14")`, mfooA, mfooMX, zzzA, zzzAA)},
			{Name: "verify", JS: modify("14.14.14.14"), NoChanges: true},
		}},
		{Name: "IGNORE_TARGET b2285", States: []State{
			{Name: "create some records", JS: `CNAME("foo", "redact1.acm-validations.aws."), CNAME("bar", "redact2.acm-validations.aws.")`},
			{Name: "ignore them by target", JS: `IGNORE_TARGET("**.acm-validations.aws.", "CNAME")`, NoChanges: true},
			{Name: "verify", JS: `CNAME("foo", "redact1.acm-validations.aws."), CNAME("bar", "redact2.acm-validations.aws.")`, NoChanges: true},
		}},
		{Name: "IGNORE everything b2822", States: []State{
			{Name: "create some records", JS: city},
			{Name: "ignore them all", JS: city + `, IGNORE("dyndns-city1", "A,AAAA", ""), IGNORE("dyndns-city2", "A,AAAA", ""), DISABLE_IGNORE_SAFETY_CHECK`,
				NoChanges: true},
			{Name: "verify", JS: city, NoChanges: true},
		}},
		{Name: "IGNORE w/change b3227", States: []State{
			{Name: "create some records", JS: `A("testignore", "8.8.8.8"), A("testdefined", "9.9.9.9")`},
			{Name: "ignore", JS: `A("testdefined", "9.9.9.9"), IGNORE("testignore", "", "")`, NoChanges: true},
			{Name: "verify", JS: `A("testignore", "8.8.8.8"), A("testdefined", "9.9.9.9")`, NoChanges: true},
			{Name: "nothing changed", JS: `A("testignore", "8.8.8.8"), A("testdefined", "9.9.9.9")`, NoChanges: true},
			{Name: "verify again", JS: `A("testignore", "8.8.8.8"), A("testdefined", "9.9.9.9")`, NoChanges: true},
			{Name: "ignore, with a change", JS: `A("testdefined", "2.2.2.2"), IGNORE("testignore", "", "")`},
			{Name: "verify the change", JS: `A("testignore", "8.8.8.8"), A("testdefined", "2.2.2.2")`, NoChanges: true},
		}},
	}
}
