package conformance

// route53Groups: R53_ALIAS and weighted routing, as DNSControl tests them.
func route53Groups() []Group {
	const (
		c18  = `CNAME("dev-system18", "ec2-54-91-33-155.compute-1.amazonaws.com.")`
		c19  = `CNAME("dev-system19", "ec2-54-91-99-999.compute-1.amazonaws.com.")`
		to18 = `R53_ALIAS("dev-system", "CNAME", "dev-system18." + DOMAIN + ".", R53_EVALUATE_TARGET_HEALTH(false))`
		to19 = `R53_ALIAS("dev-system", "CNAME", "dev-system19." + DOMAIN + ".", R53_EVALUATE_TARGET_HEALTH(false))`
	)
	alias := []string{"CanUseRoute53Alias"}
	return []Group{
		{Name: "R53_ALIAS2", Requires: alias, States: []State{
			{Name: "create the targets", JS: `A("kyle", "1.2.3.4"), A("cartman", "2.3.4.5")`},
			{Name: "alias to an A record of the zone", JS: `A("kyle", "1.2.3.4"), A("cartman", "2.3.4.5"),
				R53_ALIAS("kenny", "A", "kyle." + DOMAIN + ".", R53_EVALUATE_TARGET_HEALTH(false))`},
			{Name: "change the alias", JS: `A("kyle", "1.2.3.4"), A("cartman", "2.3.4.5"),
				R53_ALIAS("kenny", "A", "cartman." + DOMAIN + ".", R53_EVALUATE_TARGET_HEALTH(false))`},
		}},
		{Name: "R53_ALIAS_ORDER", Requires: alias, States: []State{
			{Name: "create the target CNAMEs", JS: c18 + ", " + c19},
			{Name: "add an alias to 18", JS: c18 + ", " + c19 + ", " + to18},
			{Name: "change the alias to 19", JS: c18 + ", " + c19 + ", " + to19},
			{Name: "remove the alias", JS: c18 + ", " + c19},
			{Name: "add the alias back", JS: c18 + ", " + c19 + ", " + to19},
			// Route 53 checks an alias's target when the alias is created
			// or changed, not when the target goes; DNSControl sends this.
			{Name: "remove the CNAMEs", JS: to19},
		}},
		{Name: "R53_ALIAS_CNAME", Requires: alias, States: []State{
			{Name: "alias and its target CNAME in one step", JS: to18 + ", " + c18},
		}},
		// DNSControl skips this group (its audit refuses the loop before
		// the test runs); dnsctl must refuse it too, at preview.
		{Name: "R53_ALIAS_Loop", Requires: alias, States: []State{
			{Name: "a loop is refused", JS: `R53_ALIAS("test-islandora", "CNAME", "test-islandora." + DOMAIN + ".", R53_EVALUATE_TARGET_HEALTH(false))`,
				Refused: "alias loop"},
		}},
		{Name: "R53_alias pre-existing", Requires: alias, States: []State{
			{Name: "create some records", JS: to18 + ", " + c18},
			{Name: "add a record, ignoring the others", JS: `A("bar", "1.2.3.4"), IGNORE_NAME("dev-system*")`},
		}},
		{Name: "R53_alias evaluate_target_health", Requires: alias, States: []State{
			{Name: "create alias and CNAME", JS: `R53_ALIAS("test-record", "CNAME", "test-record-1." + DOMAIN + ".", R53_EVALUATE_TARGET_HEALTH(false)),
				CNAME("test-record-1", "ec2-54-91-33-155.compute-1.amazonaws.com.")`},
			{Name: "change evaluate target health", JS: `R53_ALIAS("test-record", "CNAME", "test-record-1." + DOMAIN + ".", R53_EVALUATE_TARGET_HEALTH(true)),
				CNAME("test-record-1", "ec2-54-91-33-155.compute-1.amazonaws.com.")`},
		}},
		{Name: "R53_B3493", Requires: alias, States: []State{
			{Name: "create alias and CNAME in one step", JS: to18 + ", " + c18},
			{Name: "convert the alias to a CNAME", JS: `CNAME("dev-system", "dev-system18." + DOMAIN + "."), ` + c18},
		}},
		{Name: "R53_B3493_REV", Requires: alias, States: []State{
			{Name: "create the CNAMEs", JS: `CNAME("dev-system", "dev-system18." + DOMAIN + "."), ` + c18},
			{Name: "convert the CNAME to an alias", JS: to18 + ", " + c18},
		}},
		{Name: "R53_WEIGHT", Only: []string{"ROUTE53"}, States: []State{
			{Name: "create weighted A records", JS: `A("weighted", "1.2.3.4", R53_WEIGHT(70, "web1")), A("weighted", "5.6.7.8", R53_WEIGHT(30, "web2"))`},
			{Name: "change weights", JS: `A("weighted", "1.2.3.4", R53_WEIGHT(50, "web1")), A("weighted", "5.6.7.8", R53_WEIGHT(50, "web2"))`},
			{Name: "change the target of one", JS: `A("weighted", "9.10.11.12", R53_WEIGHT(50, "web1")), A("weighted", "5.6.7.8", R53_WEIGHT(50, "web2"))`},
			{Name: "delete one", JS: `A("weighted", "5.6.7.8", R53_WEIGHT(50, "web2"))`},
			{Name: "add back, change set identifiers", JS: `A("weighted", "9.10.11.12", R53_WEIGHT(50, "primary")), A("weighted", "5.6.7.8", R53_WEIGHT(50, "secondary"))`},
		}},
		{Name: "R53_WEIGHT_CNAME", Only: []string{"ROUTE53"}, States: []State{
			{Name: "create weighted CNAMEs", JS: `CNAME("cdn", "east.cdn.example.com.", R53_WEIGHT(70, "east")), CNAME("cdn", "west.cdn.example.com.", R53_WEIGHT(30, "west"))`},
			{Name: "change weights", JS: `CNAME("cdn", "east.cdn.example.com.", R53_WEIGHT(50, "east")), CNAME("cdn", "west.cdn.example.com.", R53_WEIGHT(50, "west"))`},
		}},
		{Name: "R53_WEIGHT_MIXED", Only: []string{"ROUTE53"}, States: []State{
			{Name: "weighted and plain records", JS: `A("normal", "1.2.3.4"), A("weighted", "5.6.7.8", R53_WEIGHT(70, "web1")), A("weighted", "9.10.11.12", R53_WEIGHT(30, "web2"))`},
			{Name: "change the weighted, keep the plain", JS: `A("normal", "1.2.3.4"), A("weighted", "5.6.7.8", R53_WEIGHT(50, "web1")), A("weighted", "9.10.11.12", R53_WEIGHT(50, "web2"))`},
		}},
	}
}
