package route53

import (
	"fmt"
	"slices"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// Record sets of traffic policy instances. A traffic policy instance
// ("policy record" in the console) makes record sets that Route 53 lists
// with the instance's ID (TrafficPolicyInstanceId, kept in the private
// metadata metaTrafficPolicy, never compared). They belong to the
// instance: deleting one by ChangeResourceRecordSets would leave the
// instance billed and broken, and changing one is undone by the next
// update of the policy. So dnsctl never deletes or changes them: the
// record plan's changes of them are dropped and the records reported as
// kept, and a configuration that declares a record set of the same name
// and type is refused at preview.

// keptByTrafficPolicy is the rule named in preview's INFO line.
const keptByTrafficPolicy = "Route 53 traffic policy instances"

// trafficPolicyData stands for the data of a traffic-policy record set
// listed without values.
func trafficPolicyData(instance string) string {
	return "(traffic policy instance " + instance + ")"
}

// servedType is the type a record answers for (an alias's alias_type).
func servedType(r *model.Record) string {
	if r.Type == model.AliasType {
		return r.Meta[MetaAliasType]
	}
	return r.Type
}

// keepTrafficPolicySets refuses desired records that would replace a
// traffic-policy record set and moves the plan's changes of such sets to
// plan.Kept. It makes no call.
func keepTrafficPolicySets(z *settingsZone) error {
	type nameType struct{ name, typ string }
	instance := map[nameType]string{}
	for _, r := range z.existing {
		if id := r.Meta[metaTrafficPolicy]; id != "" {
			instance[nameType{r.Name, servedType(r)}] = id
		}
	}
	if len(instance) == 0 {
		return nil
	}
	for _, r := range z.desired {
		id, ok := instance[nameType{r.Name, servedType(r)}]
		if !ok {
			continue
		}
		at := ""
		if r.Pos != "" {
			at = r.Pos + ": "
		}
		return fmt.Errorf("%s%s %s: the zone's %s record set is made by the Route 53 traffic policy instance %s, which dnsctl leaves alone; remove the record from the configuration (change it through the traffic policy, or delete the instance first)",
			at, model.LabelOf(r.Name, zoneName(z.key)), servedType(r), servedType(r), id)
	}
	if z.plan == nil {
		return nil
	}
	var kept []*model.Record
	changes := slices.DeleteFunc(slices.Clone(z.plan.Changes), func(c diff.Change) bool {
		if c.Setting != nil || !slices.ContainsFunc(c.Old, func(r *model.Record) bool { return r.Meta[metaTrafficPolicy] != "" }) {
			return false
		}
		kept = append(kept, c.Old...)
		return true
	})
	if len(kept) > 0 {
		z.plan.Changes = changes
		z.plan.Kept = append(z.plan.Kept, diff.Kept{Rule: keptByTrafficPolicy, Records: kept})
	}
	return nil
}
