package route53

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// Limits of one ChangeResourceRecordSets request (Route 53 "Quotas",
// maximums on API requests): at most 1,000 ResourceRecord elements and at
// most 32,000 characters in all Value elements, an UPSERT counting twice
// for both (see upsertCost). DELETE and CREATE count each element once.
// Route 53 no longer documents a limit on Change elements; we keep one of
// 1,000 so that batches of aliases (which have no ResourceRecord elements)
// stay reasonable.
const (
	maxBatchRecords = 1000
	maxBatchChars   = 32000
	maxBatchChanges = 1000
)

// zoneIDPending stands for "this zone's ID" in an alias whose zone does not
// exist yet (Prepare before create-domains/push); Apply resolves it.
const zoneIDPending = "(this zone)"

// rrIdent identifies a Route 53 record set: owner name, type and set
// identifier. An alias and a plain record set of the same type share one.
type rrIdent struct{ name, typ, setID string }

func (i rrIdent) String() string {
	s := i.name + " " + i.typ
	if i.setID != "" {
		s += " [" + i.setID + "]"
	}
	return s
}

// op is one Change element.
type op struct {
	action types.ChangeAction
	set    types.ResourceRecordSet
	id     rrIdent
	change int                      // index of the plan change it comes from
	target *rrIdent                 // same-zone alias target (setID empty), for ordering
	old    *types.ResourceRecordSet // what an UPSERT replaces, if known
	rrs    int                      // ResourceRecord elements
	chars  int                      // characters of Value elements
}

// batch is one ChangeResourceRecordSets request.
type batch struct {
	ops          []op
	rrs, chars   int
	changesIndex []int // plan changes touched
}

func (b *batch) fits(o op) bool {
	return len(b.ops)+1 <= maxBatchChanges && b.rrs+o.rrs <= maxBatchRecords && b.chars+o.chars <= maxBatchChars
}

func (b *batch) add(o op) {
	b.ops = append(b.ops, o)
	b.rrs += o.rrs
	b.chars += o.chars
}

// Batches returns the number of ChangeResourceRecordSets requests Apply
// would send for plan's record changes (settings changes make calls of
// their own).
func (p *Provider) Batches(plan *diff.Plan) int {
	if plan == nil {
		return 0
	}
	_, plan, _ = splitSettings(plan)
	if len(plan.Changes) == 0 {
		return 0
	}
	bs, err := buildBatches(plan, zoneName(zoneKey(plan.Zone)), zoneIDPending)
	if err != nil {
		return 1 // Apply will report the problem
	}
	return len(bs)
}

// Apply makes the changes of plan in as few ChangeResourceRecordSets
// requests as Route 53's limits allow. Each request is valid on its own and
// transactional; when one fails, the error says which changes were applied
// by the earlier requests and which were not, and a new push converges.
func (p *Provider) Apply(ctx context.Context, plan *diff.Plan) error {
	return p.public(p.apply(ctx, plan))
}

func (p *Provider) apply(ctx context.Context, plan *diff.Plan) error {
	if plan == nil || len(plan.Changes) == 0 {
		return nil
	}
	key := zoneKey(plan.Zone)
	id, err := p.zoneID(ctx, key)
	if err != nil {
		return err
	}
	before, records, after := splitSettings(plan)
	if len(before)+len(after) == 0 {
		return p.applyRecords(ctx, key, id, plan)
	}
	t := zoneTarget{key: key, name: zoneName(key), id: id}
	fail := func(applied, notApplied []diff.Change, err error) error {
		return &SettingsError{Zone: key, Applied: applied, NotApplied: notApplied, Err: err}
	}
	if n, err := p.applySettings(ctx, t, before); err != nil {
		rest := append(append(slices.Clone(before[n:]), records.Changes...), after...)
		return fail(before[:n], rest, err)
	}
	var synced error
	if err := p.applyRecords(ctx, key, id, records); err != nil {
		var ae *ApplyError
		var ns *notInSyncError
		switch {
		case errors.As(err, &ae):
			ae.Applied = append(slices.Clone(before), ae.Applied...)
			ae.NotApplied = append(ae.NotApplied, after...)
			return err
		case errors.As(err, &ns):
			synced = err // everything was applied; the wait stopped
		default:
			return fail(before, append(slices.Clone(records.Changes), after...), err)
		}
	}
	if n, err := p.applySettings(ctx, t, after); err != nil {
		return fail(append(append(slices.Clone(before), records.Changes...), after[:n]...), after[n:], err)
	}
	return synced
}

// applyRecords applies the record changes of plan.
func (p *Provider) applyRecords(ctx context.Context, key, id string, plan *diff.Plan) error {
	if len(plan.Changes) == 0 {
		return nil
	}
	zone := zoneName(key)
	p.takeCreated(id) // the zone is about to change: never assume it again
	p.takePrefetched(id)
	for _, c := range plan.Changes {
		for _, rs := range [2][]*model.Record{c.Old, c.New} {
			for _, r := range rs {
				if r.Type == "NS" && strings.HasSuffix(r.Data, standInSuffix) {
					return fmt.Errorf("zone %s: the plan holds %s, a stand-in for a name server Route 53 had not assigned yet; plan again now that the zone exists", key, r.Data)
				}
			}
		}
	}
	plan, err := p.cidrFirst(ctx, plan)
	if err != nil {
		return fmt.Errorf("zone %s: %w", key, err)
	}
	bs, err := buildBatches(plan, zone, id)
	if err != nil {
		return fmt.Errorf("zone %s: %w", key, err)
	}
	for i, b := range bs {
		if err := ctx.Err(); err != nil {
			return newApplyError(key, plan, bs, i, fmt.Errorf("interrupted: %w", err))
		}
		label := fmt.Sprintf("dnsctl batch %d/%d", i+1, len(bs))
		changeID, err := p.submit(ctx, zone, id, b, label)
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				err = fmt.Errorf("interrupted: %w", err)
			}
			return newApplyError(key, plan, bs, i, err)
		}
		provider.TraceBatch(ctx, provider.Batch{N: i + 1, Of: len(bs), Changes: len(b.ops)})
		if p.cfg.WaitForSync && changeID != "" {
			// The batch is applied; an interruption while waiting for
			// it to reach every server stops before the next one.
			if err := p.waitInSync(ctx, zone, changeID); err != nil {
				if ctx.Err() != nil {
					err = fmt.Errorf("interrupted while waiting for change %s to be INSYNC: %w", changeID, err)
				}
				if i+1 == len(bs) {
					p.written.mark(plan.Changes)
					return &notInSyncError{zone: key, applied: plan.Changes, err: err}
				}
				return newApplyError(key, plan, bs, i+1, err)
			}
		}
	}
	p.written.mark(plan.Changes)
	return nil
}

// submit sends one batch and returns the ID of the change Route 53
// accepted. An interruption of ctx (Ctrl-C) stops it while it waits for its
// turn, but a request once sent is seen through: abandoning it would leave
// unknown whether it took effect (the retry bound still limits it). After a
// failure that leaves its fate unknown (a server error, a connection cut
// after the request was sent) it reads the zone back: if the batch took
// effect it is done, if it did not it is sent again, otherwise the error
// says so.
func (p *Provider) submit(ctx context.Context, zone, id string, b batch, label string) (string, error) {
	changes := make([]types.Change, len(b.ops))
	for i, o := range b.ops {
		changes[i] = types.Change{Action: o.action, ResourceRecordSet: &b.ops[i].set}
	}
	in := &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: aws.String(id),
		ChangeBatch:  &types.ChangeBatch{Changes: changes, Comment: aws.String(label)},
	}
	for try := 1; ; try++ {
		var out *route53.ChangeResourceRecordSetsOutput
		err := p.call(ctx, "route53:ChangeResourceRecordSets", zone, callOptions{mutating: true}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.ChangeResourceRecordSets(ctx, in)
			return err
		})
		if err == nil {
			if out.ChangeInfo == nil {
				return "", nil
			}
			return aws.ToString(out.ChangeInfo.Id), nil
		}
		var amb *ambiguousError
		if !errors.As(err, &amb) {
			return "", err
		}
		// The request went out: learn its fate even if interrupted.
		applied, untouched, verr := p.batchState(context.WithoutCancel(ctx), zone, id, b.ops)
		switch {
		case verr != nil:
			return "", fmt.Errorf("%w; reading the zone back to learn whether the batch took effect failed too: %v", amb.err, verr)
		case applied:
			return "", nil
		case untouched && try < 3:
			if err := sleep(ctx, p.backoff(try)); err != nil {
				return "", err
			}
			continue
		case untouched:
			return "", amb.err
		}
		return "", fmt.Errorf("%w; reading the zone back shows the batch neither fully applied nor untouched (was the zone changed by someone else meanwhile?)", amb.err)
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// waitInSync polls GetChange until the change is INSYNC.
func (p *Provider) waitInSync(ctx context.Context, zone, changeID string) error {
	deadline := time.Now().Add(p.cfg.SyncTimeout)
	for {
		var out *route53.GetChangeOutput
		err := p.call(ctx, "route53:GetChange", zone, callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.GetChange(ctx, &route53.GetChangeInput{Id: aws.String(changeID)})
			return err
		})
		if err != nil {
			return err
		}
		if out.ChangeInfo != nil && out.ChangeInfo.Status == types.ChangeStatusInsync {
			return nil
		}
		if time.Now().Add(p.syncPoll).After(deadline) {
			return fmt.Errorf("zone %s: change %s was accepted but is still PENDING after %s (SyncTimeout); it will finish on its own", zone, changeID, p.cfg.SyncTimeout)
		}
		if err := sleep(ctx, p.syncPoll); err != nil {
			return err
		}
	}
}

// batchState reads the zone and compares the record sets a batch touches
// with their state before and after it.
func (p *Provider) batchState(ctx context.Context, zone, id string, ops []op) (applied, untouched bool, err error) {
	sets, err := p.listRRSets(ctx, zone, id)
	if err != nil {
		return false, false, err
	}
	actual := map[rrIdent]string{}
	for _, s := range sets {
		actual[identOf(s, zone)] = setSignature(s, zone)
	}
	before, after := map[rrIdent]string{}, map[rrIdent]string{}
	for _, o := range ops {
		sig := setSignature(o.set, zone)
		if _, ok := before[o.id]; !ok {
			switch {
			case o.action == types.ChangeActionDelete:
				before[o.id] = sig
			case o.old != nil:
				before[o.id] = setSignature(*o.old, zone)
			default:
				before[o.id] = ""
			}
		}
		if o.action == types.ChangeActionDelete {
			after[o.id] = ""
		} else {
			after[o.id] = sig
		}
	}
	applied, untouched = true, true
	for k := range before {
		a := actual[k]
		if a != after[k] {
			applied = false
		}
		if a != before[k] {
			untouched = false
		}
	}
	return applied, untouched, nil
}

func identOf(s types.ResourceRecordSet, zone string) rrIdent {
	return rrIdent{name: canonicalZone(decodeName(aws.ToString(s.Name))), typ: string(s.Type), setID: aws.ToString(s.SetIdentifier)}
}

// setSignature summarises a record set's content as Records would read it.
func setSignature(s types.ResourceRecordSet, zone string) string {
	recs := rrsetRecords(s, zone)
	lines := make([]string, len(recs))
	for i, r := range recs {
		lines[i] = strconv.FormatUint(uint64(r.TTL), 10) + " " + r.Data + " " + strings.Join(publicMeta(r), ",")
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// buildBatches turns a plan into ordered, limit-respecting batches.
func buildBatches(plan *diff.Plan, zone, zoneID string) ([]batch, error) {
	ops, err := planOps(plan, zone, zoneID)
	if err != nil {
		return nil, err
	}
	if len(ops) == 0 {
		return nil, nil
	}
	units := orderUnits(ops)
	var out []batch
	cur := batch{}
	flush := func() {
		if len(cur.ops) > 0 {
			out = append(out, cur)
			cur = batch{}
		}
	}
	place := func(u []op) error {
		total := batch{}
		for _, o := range u {
			total.add(o)
		}
		if len(total.ops) <= maxBatchChanges && total.rrs <= maxBatchRecords && total.chars <= maxBatchChars {
			if cur.rrs+total.rrs > maxBatchRecords || cur.chars+total.chars > maxBatchChars || len(cur.ops)+len(total.ops) > maxBatchChanges {
				flush()
			}
			for _, o := range u {
				cur.add(o)
			}
			return nil
		}
		// A unit too big for one request: split it, deletions first.
		for _, o := range u {
			if o.rrs > maxBatchRecords || o.chars > maxBatchChars {
				return fmt.Errorf("record set %s has %d values and %d characters of data: more than one Route 53 request can carry (%d values, %d characters)", o.id, o.rrs, o.chars, maxBatchRecords, maxBatchChars)
			}
			if !cur.fits(o) {
				flush()
			}
			cur.add(o)
		}
		return nil
	}
	// Units tied to others by aliases keep their order; the others may go
	// anywhere, and are interleaved so that each request fills up on both
	// limits (values and characters) at about the same time: long TXT
	// values beside short addresses. Packed in name order, a run of TXT
	// records would fill requests on characters while holding few values.
	tied, free := splitTied(units)
	for _, u := range tied {
		if err := place(u); err != nil {
			return nil, err
		}
	}
	density := func(u []op) float64 {
		rrs, chars := 0, 0
		for _, o := range u {
			rrs += o.rrs
			chars += o.chars
		}
		return float64(chars) / float64(max(rrs, 1))
	}
	sort.SliceStable(free, func(i, j int) bool { return density(free[i]) < density(free[j]) })
	// Keep each request near the average density of all free units.
	allRRs, allChars := 0, 0
	for _, u := range free {
		for _, o := range u {
			allRRs += o.rrs
			allChars += o.chars
		}
	}
	fitsUnit := func(u []op) bool {
		rrs, chars := cur.rrs, cur.chars
		for _, o := range u {
			rrs += o.rrs
			chars += o.chars
		}
		return len(cur.ops)+len(u) <= maxBatchChanges && rrs <= maxBatchRecords && chars <= maxBatchChars
	}
	for lo, hi := 0, len(free)-1; lo <= hi; {
		// Light on characters so far: take a heavy unit, else a light one;
		// when that one would not fit but the other would, take the other,
		// so a request is not closed with room left.
		first, second := hi, lo
		if cur.chars*allRRs > cur.rrs*allChars {
			first, second = lo, hi
		}
		pick := first
		if len(cur.ops) > 0 && !fitsUnit(free[first]) && fitsUnit(free[second]) {
			pick = second
		}
		u := free[pick]
		if pick == hi {
			hi--
		} else {
			lo++
		}
		if err := place(u); err != nil {
			return nil, err
		}
	}
	flush()
	for i := range out {
		orderWithinBatch(out[i].ops)
		seen := map[int]bool{}
		for _, o := range out[i].ops {
			if !seen[o.change] {
				seen[o.change] = true
				out[i].changesIndex = append(out[i].changesIndex, o.change)
			}
		}
	}
	return out, nil
}

// planOps converts plan changes into Change elements, one per record set:
// CREATE for a set that does not exist yet, DELETE for one that goes, and
// UPSERT for one that keeps its identity (name, type, set identifier) and
// changes its content, as DNSControl, octoDNS and external-dns send it.
// The exception is a set whose routing policy changes kind (weighted to
// failover, say): all sets of a name and type share one policy, so those
// are deleted and created again, every deletion before every creation,
// and no intermediate state mixes two policies.
//
// What UPSERT gives up against the DELETE of exactly what was read: a set
// someone else changed between the read and the push is overwritten
// instead of failing the batch. The configuration is the desired state, so
// that is the outcome a push wants anyway (and DNSControl's); CREATE still
// fails when someone else created the set meanwhile, and DELETE when it
// changed, so no set this plan does not mean to replace is ever replaced.
func planOps(plan *diff.Plan, zone, zoneID string) ([]op, error) {
	var ops []op
	var problems []string
	for ci, c := range plan.Changes {
		oldSets, oldOrder, err := groupSets(c.Old)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		newSets, newOrder, err := groupSets(c.New)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		// upsert reports whether a set present before and after is
		// replaced in place.
		upsert := func(id rrIdent) bool {
			o, n := oldSets[id], newSets[id]
			switch {
			case n == nil:
				return false
			case isApex(id, zone):
				// The apex NS and SOA sets cannot be deleted, not even
				// to be created again in the same request.
				return true
			}
			return o != nil && samePolicy(o[0], n[0])
		}
		for _, id := range oldOrder {
			if n, ok := newSets[id]; ok && sameContent(oldSets[id], n) {
				continue // unchanged part of a modified key (an A alias beside a changed AAAA alias)
			}
			if upsert(id) {
				continue // replaced by an UPSERT below
			}
			if isApex(id, zone) {
				problems = append(problems, fmt.Sprintf("%s: Route 53 does not allow deleting a zone's own %s record set", id, id.typ))
				continue
			}
			o, err := makeOp(types.ChangeActionDelete, id, oldSets[id], zone, zoneID, true)
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			o.change = ci
			ops = append(ops, o)
		}
		for _, id := range newOrder {
			if old, ok := oldSets[id]; ok && sameContent(old, newSets[id]) {
				continue
			}
			action := types.ChangeActionCreate
			if upsert(id) {
				action = types.ChangeActionUpsert
			}
			o, err := makeOp(action, id, newSets[id], zone, zoneID, false)
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			if action == types.ChangeActionUpsert {
				if old, ok := oldSets[id]; ok {
					oo, err := makeOp(types.ChangeActionDelete, id, old, zone, zoneID, true)
					if err != nil {
						problems = append(problems, err.Error())
						continue
					}
					o.old = &oo.set
					o.rrs, o.chars = upsertCost(o, oo)
					if (o.rrs > maxBatchRecords || o.chars > maxBatchChars) && !isApex(id, zone) {
						// Too big to replace in one request: the
						// old set goes first, the new one follows
						// (in the next request if need be).
						oo.change = ci
						ops = append(ops, oo)
						o, err = makeOp(types.ChangeActionCreate, id, newSets[id], zone, zoneID, false)
						if err != nil {
							problems = append(problems, err.Error())
							continue
						}
					}
				} else {
					o.rrs, o.chars = 2*o.rrs, 2*o.chars
				}
			}
			o.change = ci
			ops = append(ops, o)
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return ops, nil
}

// upsertCost is what an UPSERT counts against a request's limits. Route 53's
// quota page counts each ResourceRecord element and each Value character of
// an UPSERT twice; its API reference describes an UPSERT of an existing set
// as the DELETE of the old set plus the CREATE of the new one, counting
// both. Counting the new set plus the larger of the two satisfies both.
func upsertCost(upsert, old op) (rrs, chars int) {
	return upsert.rrs + max(upsert.rrs, old.rrs), upsert.chars + max(upsert.chars, old.chars)
}

// samePolicy reports whether two records have the same kind of routing
// policy (or both none), so that one's set may replace the other's in place.
func samePolicy(a, b *model.Record) bool {
	pa, pb := policiesOf(a), policiesOf(b)
	if len(pa) == 0 || len(pb) == 0 {
		return len(pa) == len(pb)
	}
	return pa[0].fn == pb[0].fn
}

func isApex(id rrIdent, zone string) bool {
	return id.name == zone && id.setID == "" && (id.typ == "NS" || id.typ == "SOA")
}

func effectiveType(r *model.Record) string {
	if r.Type == model.AliasType {
		return strings.ToUpper(r.Meta[MetaAliasType])
	}
	return r.Type
}

// groupSets splits records into Route 53 record sets.
func groupSets(recs []*model.Record) (map[rrIdent][]*model.Record, []rrIdent, error) {
	sets := map[rrIdent][]*model.Record{}
	var order []rrIdent
	for _, r := range recs {
		id := rrIdent{name: r.Name, typ: effectiveType(r), setID: r.SetID}
		if id.typ == "" {
			return nil, nil, fmt.Errorf("R53_ALIAS %s has no alias type", r.Name)
		}
		if _, ok := sets[id]; !ok {
			order = append(order, id)
		}
		sets[id] = append(sets[id], r)
	}
	for _, id := range order {
		rs := sets[id]
		aliases := 0
		for _, r := range rs {
			if r.Type == model.AliasType {
				aliases++
			}
		}
		if aliases > 0 && len(rs) > 1 {
			return nil, nil, fmt.Errorf("%s: an R53_ALIAS record set holds exactly one target, and a name and type cannot have both an alias and other records (found %d records)", id, len(rs))
		}
	}
	return sets, order, nil
}

func sameContent(a, b []*model.Record) bool {
	sig := func(rs []*model.Record) string {
		lines := make([]string, len(rs))
		for i, r := range rs {
			ttl := r.TTL
			if r.Type == model.AliasType {
				ttl = 0
			}
			lines[i] = r.Type + " " + strconv.FormatUint(uint64(ttl), 10) + " " + r.Data + " " + strings.Join(publicMeta(r), ",")
		}
		sort.Strings(lines)
		return strings.Join(lines, "\n")
	}
	return sig(a) == sig(b)
}

// makeOp builds one Change. Deletions use the exact text Route 53 holds
// (kept in private metadata when it differs from the canonical form).
func makeOp(action types.ChangeAction, id rrIdent, recs []*model.Record, zone, zoneID string, old bool) (op, error) {
	r0 := recs[0]
	s := types.ResourceRecordSet{Name: aws.String(encodeName(r0.Name)), Type: types.RRType(id.typ)}
	if old && r0.Meta[metaRawName] != "" {
		s.Name = aws.String(r0.Meta[metaRawName])
	}
	if id.setID != "" {
		s.SetIdentifier = aws.String(id.setID)
	}
	if err := applyRouting(&s, r0.Meta); err != nil {
		return op{}, fmt.Errorf("%s: %v", id, err)
	}
	o := op{action: action, id: id}
	if r0.Type == model.AliasType {
		dns := r0.Data
		if old && r0.Meta[metaRawAliasDNSName] != "" {
			dns = r0.Meta[metaRawAliasDNSName]
		}
		zid := cleanZoneID(r0.Meta[MetaZoneID])
		if zid == "" || zid == zoneIDPending {
			zid = zoneID
		}
		eval, _ := parseBool(r0.Meta[MetaEvaluateHealth])
		s.AliasTarget = &types.AliasTarget{DNSName: aws.String(dns), HostedZoneId: aws.String(zid), EvaluateTargetHealth: eval}
		if zid == zoneID || zid == zoneIDPending {
			t := canonicalZone(r0.Data)
			if t == zone || strings.HasSuffix(t, "."+zone) {
				o.target = &rrIdent{name: t, typ: id.typ}
			}
		}
		o.set = s
		o.chars = 0
		return o, nil
	}
	if id.typ == "CNAME" && len(recs) > 1 {
		return op{}, fmt.Errorf("%s: a CNAME record set holds one value, not %d", id, len(recs))
	}
	rs := recs
	if old {
		rs = slices.Clone(recs)
		sort.SliceStable(rs, func(i, j int) bool { return orderOf(rs[i]) < orderOf(rs[j]) })
	}
	ttl := rs[0].TTL
	values := make([]types.ResourceRecord, len(rs))
	for i, r := range rs {
		ttl = min(ttl, r.TTL)
		v := writeValue(r)
		if old && r.Meta[metaRawValue] != "" {
			v = r.Meta[metaRawValue]
		}
		if len(v) > 4000 {
			return op{}, fmt.Errorf("%s: a value of %d characters is longer than the 4,000 Route 53 accepts", id, len(v))
		}
		values[i] = types.ResourceRecord{Value: aws.String(v)}
		o.chars += len(v)
	}
	s.TTL = aws.Int64(int64(ttl))
	s.ResourceRecords = values
	o.rrs = len(values)
	o.set = s
	return o, nil
}

func orderOf(r *model.Record) int {
	if v, ok := r.Meta[metaOrder]; ok {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return 1 << 30
}

// orderUnits groups operations by owner name (so a name's deletions and
// creations share a request whenever they fit, and the name never shows a
// half-changed state) and orders the groups so that a same-zone alias
// target is created in a request no later than the alias, and an alias is
// deleted no later than its target.
// splitTied separates the units that an alias ties to others (an alias, or
// the target of one in this plan) from the free ones; both keep their order.
func splitTied(units [][]op) (tied, free [][]op) {
	targets := map[string]bool{}
	for _, u := range units {
		for _, o := range u {
			if o.target != nil {
				targets[o.target.name] = true
			}
		}
	}
	for _, u := range units {
		isTied := targets[u[0].id.name]
		for _, o := range u {
			isTied = isTied || o.target != nil || o.set.AliasTarget != nil
		}
		if isTied {
			tied = append(tied, u)
		} else {
			free = append(free, u)
		}
	}
	return tied, free
}

func orderUnits(ops []op) [][]op {
	index := map[string]int{}
	var units [][]op
	for _, o := range ops {
		i, ok := index[o.id.name]
		if !ok {
			i = len(units)
			index[o.id.name] = i
			units = append(units, nil)
		}
		units[i] = append(units[i], o)
	}
	n := len(units)
	creates := func(u int, t rrIdent) bool {
		for _, o := range units[u] {
			if writes(o.action) && o.id.name == t.name && o.id.typ == t.typ {
				return true
			}
		}
		return false
	}
	deletes := func(u int, t rrIdent) bool {
		for _, o := range units[u] {
			if o.action == types.ChangeActionDelete && o.id.name == t.name && o.id.typ == t.typ {
				return true
			}
		}
		return false
	}
	succ := make([][]int, n)
	indeg := make([]int, n)
	edge := func(from, to int) {
		if from == to {
			return
		}
		succ[from] = append(succ[from], to)
		indeg[to]++
	}
	for u, ops := range units {
		for _, o := range ops {
			if o.target == nil {
				continue
			}
			v, ok := index[o.target.name]
			if !ok {
				continue
			}
			if writes(o.action) && creates(v, *o.target) {
				edge(v, u)
			}
			if o.action == types.ChangeActionDelete && deletes(v, *o.target) {
				edge(u, v)
			}
		}
	}
	// Kahn's algorithm, taking the earliest unit among those ready; on a
	// cycle (which Prepare rejects for aliases) the earliest remaining unit.
	done := make([]bool, n)
	ready := &intHeap{}
	for u := 0; u < n; u++ {
		if indeg[u] == 0 {
			heap.Push(ready, u)
		}
	}
	out := make([][]op, 0, n)
	next := 0
	for len(out) < n {
		var u int
		if ready.Len() > 0 {
			u = heap.Pop(ready).(int)
			if done[u] {
				continue
			}
		} else {
			for done[next] {
				next++
			}
			u = next
		}
		done[u] = true
		out = append(out, units[u])
		for _, v := range succ[u] {
			indeg[v]--
			if indeg[v] == 0 && !done[v] {
				heap.Push(ready, v)
			}
		}
	}
	return out
}

// writes reports whether an action leaves its record set in place
// (CREATE, UPSERT): an alias written so must come after its target is.
func writes(a types.ChangeAction) bool {
	return a == types.ChangeActionCreate || a == types.ChangeActionUpsert
}

type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// orderWithinBatch sorts the operations of one request the way Route 53
// checks them, one after the other: deletions of aliases (an alias before
// the alias it points to), other deletions, creations and UPSERTs of plain
// record sets, then creations and UPSERTs of aliases (a target before the
// alias pointing at it).
func orderWithinBatch(ops []op) {
	depth := func(deleting bool) map[rrIdent]int {
		byID := map[rrIdent]*op{}
		for i := range ops {
			if (ops[i].action == types.ChangeActionDelete) == deleting && ops[i].set.AliasTarget != nil {
				byID[rrIdent{name: ops[i].id.name, typ: ops[i].id.typ}] = &ops[i]
			}
		}
		memo := map[rrIdent]int{}
		var d func(id rrIdent, seen map[rrIdent]bool) int
		d = func(id rrIdent, seen map[rrIdent]bool) int {
			if v, ok := memo[id]; ok {
				return v
			}
			o := byID[id]
			if o == nil || o.target == nil || seen[id] {
				return 0
			}
			seen[id] = true
			v := 0
			if _, ok := byID[*o.target]; ok {
				v = 1 + d(*o.target, seen)
			}
			memo[id] = v
			return v
		}
		out := map[rrIdent]int{}
		for id := range byID {
			out[id] = d(id, map[rrIdent]bool{})
		}
		return out
	}
	delDepth, createDepth := depth(true), depth(false)
	key := func(o op) (int, int) {
		id := rrIdent{name: o.id.name, typ: o.id.typ}
		alias := o.set.AliasTarget != nil
		switch {
		case o.action == types.ChangeActionDelete && alias:
			// Pointing aliases first: the deeper the chain behind, the later.
			return 0, -delDepth[id]
		case o.action == types.ChangeActionDelete:
			return 1, 0
		case !alias:
			return 2, 0
		default:
			return 3, createDepth[id]
		}
	}
	sort.SliceStable(ops, func(i, j int) bool {
		ai, bi := key(ops[i])
		aj, bj := key(ops[j])
		if ai != aj {
			return ai < aj
		}
		return bi < bj
	})
}

// ApplyError reports a failed Apply: which changes earlier requests
// applied, which were not applied, and which were split over several
// requests and are only partly applied.
type ApplyError struct {
	Zone           string
	Batch, Batches int // the failing request, 1-based, and the total
	Applied        []diff.Change
	NotApplied     []diff.Change
	Partial        []diff.Change
	Err            error
}

// notInSyncError says every change of a plan was applied, but waiting for
// Route 53 to serve it everywhere (push --wait) stopped short.
type notInSyncError struct {
	zone    string
	applied []diff.Change
	err     error
}

func (e *notInSyncError) Error() string {
	return fmt.Sprintf("zone %s: every change was applied, but the wait for Route 53 to report it INSYNC stopped: %v", e.zone, e.err)
}
func (e *notInSyncError) Unwrap() error { return e.err }

// AppliedChanges returns the changes that took effect: all of them.
func (e *notInSyncError) AppliedChanges() []diff.Change { return e.applied }

// AppliedChanges returns the changes that took effect before the failure.
func (e *ApplyError) AppliedChanges() []diff.Change { return e.Applied }

func (e *ApplyError) Error() string {
	var b strings.Builder
	if errors.Is(e.Err, context.Canceled) {
		fmt.Fprintf(&b, "zone %s: stopped before change batch %d of %d: %v", e.Zone, e.Batch, e.Batches, e.Err)
	} else {
		fmt.Fprintf(&b, "zone %s: change batch %d of %d failed: %v", e.Zone, e.Batch, e.Batches, e.Err)
	}
	list := func(title string, cs []diff.Change) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n  %s (%d): ", title, len(cs))
		const show = 20
		for i, c := range cs {
			if i == show {
				fmt.Fprintf(&b, ", and %d more", len(cs)-show)
				break
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(c.Kind.String() + " " + c.Key.String())
		}
	}
	list("applied by earlier batches", e.Applied)
	list("partly applied", e.Partial)
	list("not applied", e.NotApplied)
	b.WriteString("\n  Run push again to apply the rest: it reads the zone and plans only what is still missing.")
	return b.String()
}

func (e *ApplyError) Unwrap() error { return e.Err }

func newApplyError(zone string, plan *diff.Plan, bs []batch, failed int, err error) *ApplyError {
	state := make([]int, len(plan.Changes)) // bit 1: some op applied, bit 2: some op not applied
	for i, b := range bs {
		for _, ci := range b.changesIndex {
			if i < failed {
				state[ci] |= 1
			} else {
				state[ci] |= 2
			}
		}
	}
	e := &ApplyError{Zone: zone, Batch: failed + 1, Batches: len(bs), Err: err}
	for ci, c := range plan.Changes {
		switch state[ci] {
		case 0, 1:
			e.Applied = append(e.Applied, c)
		case 3:
			e.Partial = append(e.Partial, c)
		case 2:
			e.NotApplied = append(e.NotApplied, c)
		}
	}
	return e
}
