package route53

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// Zone settings: the hosted zone's comment (R53_ZONE_COMMENT), its tags
// (R53_ZONE_TAGS) and its DNS query logging (R53_QUERY_LOG), plus the
// record sets of traffic policy instances, which dnsctl leaves alone (see
// trafficpolicy.go). A domain that declares none of the three costs no
// call: the comment comes with the zone listing dnsctl reads anyway, tags
// and query logging are read only for domains that declare them.

// zoneSettingsAPI lists the Route 53 calls of zone comment, tags and query
// logging.
type zoneSettingsAPI interface {
	UpdateHostedZoneComment(context.Context, *route53.UpdateHostedZoneCommentInput, ...func(*route53.Options)) (*route53.UpdateHostedZoneCommentOutput, error)
	ListTagsForResource(context.Context, *route53.ListTagsForResourceInput, ...func(*route53.Options)) (*route53.ListTagsForResourceOutput, error)
	ListTagsForResources(context.Context, *route53.ListTagsForResourcesInput, ...func(*route53.Options)) (*route53.ListTagsForResourcesOutput, error)
	ChangeTagsForResource(context.Context, *route53.ChangeTagsForResourceInput, ...func(*route53.Options)) (*route53.ChangeTagsForResourceOutput, error)
	ListQueryLoggingConfigs(context.Context, *route53.ListQueryLoggingConfigsInput, ...func(*route53.Options)) (*route53.ListQueryLoggingConfigsOutput, error)
	CreateQueryLoggingConfig(context.Context, *route53.CreateQueryLoggingConfigInput, ...func(*route53.Options)) (*route53.CreateQueryLoggingConfigOutput, error)
	DeleteQueryLoggingConfig(context.Context, *route53.DeleteQueryLoggingConfigInput, ...func(*route53.Options)) (*route53.DeleteQueryLoggingConfigOutput, error)
}

// defaultZoneComment is the comment of the hosted zones dnsctl creates
// for domains that declare none.
const defaultZoneComment = "managed by dnsctl"

// zoneSettings is the feature of zone comment, tags, query logging and
// traffic-policy records.
type zoneSettings struct{}

var _ settingsExporter = zoneSettings{}

func (zoneSettings) planSettings(ctx context.Context, p *Provider, z *settingsZone) ([]diff.Change, error) {
	if err := keepTrafficPolicySets(z); err != nil {
		return nil, err
	}
	var out []diff.Change
	for _, plan := range []func(context.Context, *Provider, *settingsZone) (*diff.Change, error){planComment, planTags, planQueryLog} {
		c, err := plan(ctx, p, z)
		if err != nil {
			return nil, err
		}
		if c != nil {
			out = append(out, *c)
		}
	}
	return out, nil
}

// single returns the domain's one setting of kind (nil if none), or an
// error naming where each is written when there are several.
func single(z *settingsZone, kind string) (*model.Setting, error) {
	ss := z.settings(kind)
	switch len(ss) {
	case 0:
		return nil, nil
	case 1:
		return ss[0], nil
	}
	var at []string
	for _, s := range ss {
		at = append(at, where(s))
	}
	return nil, fmt.Errorf("%s is given %d times (%s); a hosted zone has one: give it once", kind, len(ss), strings.Join(at, ", "))
}

// where names where a setting was written.
func where(s *model.Setting) string {
	if s.Pos == "" {
		return "in the configuration"
	}
	return "at " + s.Pos
}

// settingError prefixes err with where s was written and its kind.
func settingError(s *model.Setting, err error) error {
	if s.Pos == "" {
		return fmt.Errorf("%s: %w", s.Kind, err)
	}
	return fmt.Errorf("%s: %s: %w", s.Pos, s.Kind, err)
}

// ---- Comment ----

func planComment(ctx context.Context, p *Provider, z *settingsZone) (*diff.Change, error) {
	s, err := single(z, estate.KindZoneComment)
	if s == nil || err != nil {
		return nil, err
	}
	want, err := estate.ZoneComment(s.Args)
	if err != nil {
		return nil, settingError(s, err)
	}
	key := model.Key{Name: z.key, Type: estate.KindZoneComment}
	op := commentOp{comment: want}
	if z.id == "" {
		if want == "" {
			return nil, nil
		}
		return &diff.Change{Kind: diff.Create, Key: key, Setting: &diff.Setting{New: strconv.Quote(want), Note: "given to the zone push creates", Op: op}}, nil
	}
	have, err := p.zoneComment(ctx, z.key, z.id)
	if err != nil {
		return nil, err
	}
	if have == want {
		return nil, nil
	}
	c := &diff.Change{Kind: diff.Modify, Key: key, Setting: &diff.Setting{Old: strconv.Quote(have), New: strconv.Quote(want), Op: op}}
	switch {
	case have == "":
		c.Kind, c.Setting.Old = diff.Create, ""
	case want == "":
		c.Kind, c.Setting.New = diff.Delete, ""
	}
	return c, nil
}

// newZoneComment is the comment of the hosted zone push creates for the
// zone key: the one the domain declares, else dnsctl's.
func (p *Provider) newZoneComment(key string) *string {
	d := p.decl.domains[key]
	if d != nil {
		if ss := d.SettingsOf(estate.KindZoneComment); len(ss) == 1 {
			if c, err := estate.ZoneComment(ss[0].Args); err == nil {
				if c == "" {
					return nil
				}
				return aws.String(c)
			}
		}
	}
	return aws.String(defaultZoneComment)
}

// zoneComment returns the comment of the hosted zone id: from the zone
// listing or lookup that found it, else from the GetHostedZone that checked
// a pinned ID, else (a zone pinned by get-zones) from a GetHostedZone now.
func (p *Provider) zoneComment(ctx context.Context, key, id string) (string, error) {
	p.zones.mu.Lock()
	c, ok := p.zones.comments[id]
	if !ok {
		for _, r := range p.zones.byName[zoneName(key)] {
			if r.ID == id {
				c, ok = r.Comment, true
			}
		}
	}
	p.zones.mu.Unlock()
	if ok {
		return c, nil
	}
	var out *route53.GetHostedZoneOutput
	err := p.call(ctx, "route53:GetHostedZone", zoneName(key), callOptions{}, func(ctx context.Context) error {
		var err error
		out, err = p.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)})
		return err
	})
	if err != nil {
		return "", err
	}
	if out.HostedZone != nil && out.HostedZone.Config != nil {
		c = aws.ToString(out.HostedZone.Config.Comment)
	}
	p.rememberComment(id, c)
	return c, nil
}

// rememberComment records the comment of the hosted zone id.
func (p *Provider) rememberComment(id, c string) {
	p.zones.mu.Lock()
	defer p.zones.mu.Unlock()
	if p.zones.comments == nil {
		p.zones.comments = map[string]string{}
	}
	p.zones.comments[id] = c
}

// commentOp sets the hosted zone's comment ("" removes it).
type commentOp struct{ comment string }

func (o commentOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	in := &route53.UpdateHostedZoneCommentInput{Id: aws.String(t.id)}
	if o.comment != "" {
		in.Comment = aws.String(o.comment)
	}
	// Setting a comment twice does no harm: retried like a read.
	err := p.call(ctx, "route53:UpdateHostedZoneComment", t.name, callOptions{seeThrough: true}, func(ctx context.Context) error {
		_, err := p.r53.UpdateHostedZoneComment(ctx, in)
		return err
	})
	if err != nil {
		return err
	}
	p.rememberComment(t.id, o.comment)
	return nil
}

// ---- Tags ----

// declaredTags merges the domain's R53_ZONE_TAGS (DEFAULTS may give some,
// D others): a key given twice with different values is an error, purge
// holds when any asks for it. ok is false when the domain declares none.
func declaredTags(z *settingsZone) (t estate.Tags, ok bool, err error) {
	ss := z.settings(estate.KindZoneTags)
	if len(ss) == 0 {
		return t, false, nil
	}
	t.Set = map[string]string{}
	from := map[string]*model.Setting{}
	for _, s := range ss {
		one, err := estate.ZoneTags(s.Args)
		if err != nil {
			return t, false, settingError(s, err)
		}
		t.Purge = t.Purge || one.Purge
		for _, k := range slices.Sorted(maps.Keys(one.Set)) {
			v := one.Set[k]
			if prev, dup := t.Set[k]; dup && prev != v {
				return t, false, settingError(s, fmt.Errorf("tag %q is %q here but %q %s", k, v, prev, where(from[k])))
			}
			t.Set[k], from[k] = v, s
		}
	}
	if len(t.Set) > estate.MaxTags {
		return t, false, settingError(ss[len(ss)-1], fmt.Errorf("%d tags in all; a hosted zone holds at most %d", len(t.Set), estate.MaxTags))
	}
	return t, true, nil
}

func planTags(ctx context.Context, p *Provider, z *settingsZone) (*diff.Change, error) {
	want, ok, err := declaredTags(z)
	if !ok || err != nil {
		return nil, err
	}
	have := map[string]string{}
	if z.id != "" {
		if have, err = p.zoneTags(ctx, z.key, z.id); err != nil {
			return nil, err
		}
	}
	op := tagsOp{add: map[string]string{}}
	oldSide, newSide := map[string]string{}, map[string]string{}
	for k, v := range want.Set {
		if hv, ok := have[k]; !ok || hv != v {
			op.add[k] = v
			newSide[k] = v
			if ok {
				oldSide[k] = hv
			}
		}
	}
	if want.Purge {
		for k, hv := range have {
			if _, kept := want.Set[k]; !kept && !estate.ReservedTag(k) {
				op.remove = append(op.remove, k)
				oldSide[k] = hv
			}
		}
		slices.Sort(op.remove)
	}
	if len(op.add)+len(op.remove) == 0 {
		return nil, nil
	}
	c := &diff.Change{Kind: diff.Modify, Key: model.Key{Name: z.key, Type: estate.KindZoneTags},
		Setting: &diff.Setting{Old: estate.DescribeTags(oldSide), New: estate.DescribeTags(newSide), Op: op}}
	switch {
	case len(oldSide) == 0:
		c.Kind = diff.Create
	case len(newSide) == 0:
		c.Kind = diff.Delete
	}
	if z.id == "" {
		c.Setting.Note = "once push has created the zone"
	}
	return c, nil
}

// zoneTags reads the hosted zone's tags (one call).
func (p *Provider) zoneTags(ctx context.Context, key, id string) (map[string]string, error) {
	var out *route53.ListTagsForResourceOutput
	err := p.call(ctx, "route53:ListTagsForResource", zoneName(key), callOptions{}, func(ctx context.Context) error {
		var err error
		out, err = p.r53.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(id)})
		return err
	})
	if err != nil {
		return nil, err
	}
	tags := map[string]string{}
	if out.ResourceTagSet != nil {
		for _, t := range out.ResourceTagSet.Tags {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	return tags, nil
}

// tagsPerCall is how many tags one ChangeTagsForResource may add, and how
// many it may remove.
const tagsPerCall = 10

// tagsOp adds (or changes) and removes tags of the hosted zone.
type tagsOp struct {
	add    map[string]string
	remove []string
}

func (o tagsOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	var add []types.Tag
	for _, k := range slices.Sorted(maps.Keys(o.add)) {
		add = append(add, types.Tag{Key: aws.String(k), Value: aws.String(o.add[k])})
	}
	remove := o.remove
	for done := 0; len(add)+len(remove) > 0; done++ {
		in := &route53.ChangeTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(t.id)}
		n := min(len(add), tagsPerCall)
		in.AddTags, add = add[:n], add[n:]
		n = min(len(remove), tagsPerCall)
		in.RemoveTagKeys, remove = remove[:n], remove[n:]
		// Setting and removing tags again does no harm: retried like a read.
		err := p.call(ctx, "route53:ChangeTagsForResource", t.name, callOptions{seeThrough: true}, func(ctx context.Context) error {
			_, err := p.r53.ChangeTagsForResource(ctx, in)
			return err
		})
		if err != nil {
			if done > 0 {
				return fmt.Errorf("after %d of the calls that change the tags: %w", done, err)
			}
			return err
		}
	}
	return nil
}

// ---- Query logging ----

func planQueryLog(ctx context.Context, p *Provider, z *settingsZone) (*diff.Change, error) {
	s, err := single(z, estate.KindQueryLog)
	if s == nil || err != nil {
		return nil, err
	}
	want, err := estate.ParseQueryLog(s.Args)
	if err != nil {
		return nil, settingError(s, err)
	}
	if p.privateZone(z.key, z.id) || (z.id == "" && len(z.domain.SettingsOf(estate.KindVPC)) > 0) {
		if want.Off {
			return nil, nil // a private zone never logs: nothing to stop, nothing to ask
		}
		return nil, settingError(s, fmt.Errorf("%s is a private hosted zone; Route 53 logs the queries of public zones only (use Route 53 Resolver query logging)", zoneName(z.key)))
	}
	var have []types.QueryLoggingConfig
	if z.id != "" {
		if have, err = p.queryLogs(ctx, z.key, z.id); err != nil {
			return nil, err
		}
	}
	key := model.Key{Name: z.key, Type: estate.KindQueryLog}
	switch {
	case want.Off && len(have) == 0:
		return nil, nil
	case want.Off:
		op := queryLogOp{delete: configIDs(have)}
		return &diff.Change{Kind: diff.Delete, Key: key, Setting: &diff.Setting{Old: describeLogs(have), Op: op}}, nil
	case len(have) == 0:
		c := &diff.Change{Kind: diff.Create, Key: key, Setting: &diff.Setting{New: want.ARN, Op: queryLogOp{create: want.ARN}}}
		if z.id == "" {
			c.Setting.Note = "once push has created the zone"
		}
		return c, nil
	case len(have) == 1 && estate.SameLogGroup(aws.ToString(have[0].CloudWatchLogsLogGroupArn), want.ARN):
		return nil, nil
	}
	op := queryLogOp{delete: configIDs(have), create: want.ARN}
	if len(have) == 1 {
		op.restore = aws.ToString(have[0].CloudWatchLogsLogGroupArn)
	}
	return &diff.Change{Kind: diff.Modify, Key: key, Setting: &diff.Setting{Old: describeLogs(have), New: want.ARN, Op: op,
		Note: "deleted and created again: a zone has one query logging configuration, which cannot be updated"}}, nil
}

// queryLogs returns the query logging configurations of the hosted zone
// id (one call, unless there are pages).
func (p *Provider) queryLogs(ctx context.Context, key, id string) ([]types.QueryLoggingConfig, error) {
	zone := zoneName(key)
	in := &route53.ListQueryLoggingConfigsInput{HostedZoneId: aws.String(id)}
	pg := newPager("route53:ListQueryLoggingConfigs", zone, "query logging configurations", p.limits.zones, p.limits.pages, "")
	var out []types.QueryLoggingConfig
	for {
		var page *route53.ListQueryLoggingConfigsOutput
		err := p.call(ctx, "route53:ListQueryLoggingConfigs", zone, callOptions{}, func(ctx context.Context) error {
			var err error
			page, err = p.r53.ListQueryLoggingConfigs(ctx, in)
			return err
		})
		var nf *zoneNotFoundError
		if errors.As(err, &nf) && in.HostedZoneId != nil && in.NextToken == nil {
			// The zone exists (its ID was just read), but moto refuses
			// every zone ID here (it compares the ID with
			// "/hostedzone/ID", a form the SDK never sends): list the
			// account's configurations instead, keeping the zone's.
			in.HostedZoneId = nil
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, c := range page.QueryLoggingConfigs {
			// Route 53 answers for the zone asked about; moto answers
			// with every zone's: keep the zone's own.
			if cleanZoneID(aws.ToString(c.HostedZoneId)) == id {
				out = append(out, c)
			}
		}
		more, err := pg.next(len(page.QueryLoggingConfigs), page.NextToken != nil, aws.ToString(page.NextToken))
		if err != nil {
			return nil, err
		}
		if !more {
			return out, nil
		}
		in.NextToken = page.NextToken
	}
}

func configIDs(cs []types.QueryLoggingConfig) []string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, aws.ToString(c.Id))
	}
	return ids
}

func describeLogs(cs []types.QueryLoggingConfig) string {
	var arns []string
	for _, c := range cs {
		arns = append(arns, aws.ToString(c.CloudWatchLogsLogGroupArn))
	}
	return strings.Join(arns, ", ")
}

// queryLogOp deletes the query logging configurations delete, then
// creates one sending to the log group create ("" for none). When the
// creation fails after a deletion, the configuration to the log group
// restore (the one deleted, when there was one) is made again, so that a
// failed change of log group does not leave the zone without logging.
type queryLogOp struct {
	delete  []string
	create  string
	restore string
}

func (o queryLogOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	for _, id := range o.delete {
		err := p.call(ctx, "route53:DeleteQueryLoggingConfig", t.name, callOptions{mutating: true}, func(ctx context.Context) error {
			_, err := p.r53.DeleteQueryLoggingConfig(ctx, &route53.DeleteQueryLoggingConfigInput{Id: aws.String(id)})
			return err
		})
		if err != nil && !isAPICode(err, "NoSuchQueryLoggingConfig") { // gone already: what we wanted
			return fmt.Errorf("deleting query logging configuration %s: %w", id, err)
		}
	}
	if o.create == "" {
		return nil
	}
	err := p.call(ctx, "route53:CreateQueryLoggingConfig", t.name, callOptions{mutating: true}, func(ctx context.Context) error {
		_, err := p.r53.CreateQueryLoggingConfig(ctx, &route53.CreateQueryLoggingConfigInput{HostedZoneId: aws.String(t.id), CloudWatchLogsLogGroupArn: aws.String(o.create)})
		return err
	})
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) && ae.Hint == "" {
			switch ae.Code {
			case "NoSuchCloudWatchLogsLogGroup":
				ae.Hint = "create the log group in us-east-1 first (aws logs create-log-group --region us-east-1 --log-group-name NAME)."
			case "InsufficientCloudWatchLogsResourcePolicy":
				ae.Hint = "the log group's resource policy must let route53.amazonaws.com create log streams and put log events in it (aws logs put-resource-policy --region us-east-1); see the Route 53 guide on DNS query logging."
			case "QueryLoggingConfigAlreadyExists":
				ae.Hint = "the zone has a query logging configuration already (made meanwhile?); run preview again."
			}
		}
		err = fmt.Errorf("creating query logging to %s: %w", o.create, err)
		if len(o.delete) == 0 {
			return err
		}
		if o.restore == "" {
			return fmt.Errorf("%w; the zone's previous query logging was deleted first: it has none now", err)
		}
		rerr := p.call(ctx, "route53:CreateQueryLoggingConfig", t.name, callOptions{mutating: true}, func(ctx context.Context) error {
			_, err := p.r53.CreateQueryLoggingConfig(ctx, &route53.CreateQueryLoggingConfigInput{HostedZoneId: aws.String(t.id), CloudWatchLogsLogGroupArn: aws.String(o.restore)})
			return err
		})
		if rerr != nil {
			return fmt.Errorf("%w; the zone's previous query logging (to %s) was deleted first and could not be made again (%v): it has none now", err, o.restore, rerr)
		}
		return fmt.Errorf("%w; the zone's previous query logging (to %s), deleted first, was made again", err, o.restore)
	}
	return nil
}

// isAPICode reports whether err is an AWS error of code.
func isAPICode(err error, code string) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Code == code
}

// ---- get-zones ----

// exportCache is what get-zones has read of the zones it exports: it is
// told them all first (WillExport) and reads their tags ten zones a call
// and the account's query logging in one listing, not zone by zone.
type exportCache struct {
	mu    sync.Mutex
	zones []string // the zone keys WillExport named, in its order
	// tags holds the tags read, by zone ID.
	tags map[string]map[string]string
	// logs holds the query logging configurations of the account's
	// listing, by zone ID; logsRead says it was read, logsWhole that it was
	// read to its end (a zone it lacks has none).
	logs                map[string][]types.QueryLoggingConfig
	logsRead, logsWhole bool
}

// tagsPerRead is how many resources one ListTagsForResources may name.
const tagsPerRead = 10

// WillExport tells the provider the zones get-zones will export (see
// provider.ExportPlanner).
func (p *Provider) WillExport(zones []string) {
	keys := make([]string, 0, len(zones))
	for _, z := range zones {
		keys = append(keys, zoneKey(z))
	}
	p.export.mu.Lock()
	defer p.export.mu.Unlock()
	p.export.zones = keys
}

// exportTags returns the tags of the hosted zone id for get-zones. Those
// not read yet are read with the tags of up to nine other zones
// WillExport named whose tags are not read either, in one
// ListTagsForResources: N exported zones cost ceil(N/10) calls.
func (p *Provider) exportTags(ctx context.Context, key, id string) (map[string]string, error) {
	p.export.mu.Lock()
	tags, ok := p.export.tags[id]
	others := slices.Clone(p.export.zones)
	p.export.mu.Unlock()
	if ok {
		return tags, nil
	}
	ids := []string{id}
	for _, k := range others {
		if len(ids) == tagsPerRead {
			break
		}
		// Every zone named was found before (FindZone): no call.
		oid, err := p.zoneID(ctx, k)
		if err != nil || slices.Contains(ids, oid) {
			continue
		}
		p.export.mu.Lock()
		_, read := p.export.tags[oid]
		p.export.mu.Unlock()
		if !read {
			ids = append(ids, oid)
		}
	}
	var out *route53.ListTagsForResourcesOutput
	err := p.call(ctx, "route53:ListTagsForResources", zoneName(key), callOptions{}, func(ctx context.Context) error {
		var err error
		out, err = p.r53.ListTagsForResources(ctx, &route53.ListTagsForResourcesInput{ResourceType: types.TagResourceTypeHostedzone, ResourceIds: ids})
		return err
	})
	if err != nil {
		return nil, err
	}
	p.export.mu.Lock()
	defer p.export.mu.Unlock()
	if p.export.tags == nil {
		p.export.tags = map[string]map[string]string{}
	}
	for _, i := range ids {
		p.export.tags[i] = map[string]string{} // a zone left out of the answer has none
	}
	for _, set := range out.ResourceTagSets {
		got := map[string]string{}
		for _, t := range set.Tags {
			got[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
		if i := cleanZoneID(aws.ToString(set.ResourceId)); slices.Contains(ids, i) {
			p.export.tags[i] = got
		}
	}
	return p.export.tags[id], nil
}

// exportQueryLogs returns the query logging configurations of the hosted
// zone id for get-zones. The first zone asked about lists the account's
// configurations (one call a hundred), reading at most as many pages as
// WillExport named zones (at least one), so that the listing never costs
// more than asking zone by zone would; a zone the listing read to its end
// lacks has none, a zone a listing stopped short of is asked about alone.
// A private zone has none (Route 53 logs the queries of public zones
// only): no call.
func (p *Provider) exportQueryLogs(ctx context.Context, key, id string) ([]types.QueryLoggingConfig, error) {
	if p.privateZone(key, id) {
		return nil, nil
	}
	p.export.mu.Lock()
	read := p.export.logsRead
	budget := max(len(p.export.zones), 1)
	p.export.mu.Unlock()
	if !read {
		if err := p.listAccountQueryLogs(ctx, zoneName(key), budget); err != nil {
			return nil, err
		}
	}
	p.export.mu.Lock()
	logs, found := p.export.logs[id]
	whole := p.export.logsWhole
	p.export.mu.Unlock()
	if found || whole {
		return logs, nil
	}
	return p.queryLogs(ctx, key, id)
}

// listAccountQueryLogs reads up to pages pages of the account's query
// logging configurations into p.export.
func (p *Provider) listAccountQueryLogs(ctx context.Context, zone string, pages int) error {
	in := &route53.ListQueryLoggingConfigsInput{}
	pg := newPager("route53:ListQueryLoggingConfigs", zone, "query logging configurations", p.limits.zones, p.limits.pages, "")
	logs := map[string][]types.QueryLoggingConfig{}
	whole := false
	for n := 1; ; n++ {
		var page *route53.ListQueryLoggingConfigsOutput
		err := p.call(ctx, "route53:ListQueryLoggingConfigs", zone, callOptions{}, func(ctx context.Context) error {
			var err error
			page, err = p.r53.ListQueryLoggingConfigs(ctx, in)
			return err
		})
		if err != nil {
			return err
		}
		for _, c := range page.QueryLoggingConfigs {
			i := cleanZoneID(aws.ToString(c.HostedZoneId))
			logs[i] = append(logs[i], c)
		}
		more, err := pg.next(len(page.QueryLoggingConfigs), page.NextToken != nil, aws.ToString(page.NextToken))
		if err != nil {
			return err
		}
		if !more {
			whole = true
			break
		}
		if n >= pages {
			break
		}
		in.NextToken = page.NextToken
	}
	p.export.mu.Lock()
	defer p.export.mu.Unlock()
	p.export.logs, p.export.logsRead, p.export.logsWhole = logs, true, whole
	return nil
}

func (zoneSettings) exportSettings(ctx context.Context, p *Provider, z *settingsZone) ([]*model.Setting, error) {
	var out []*model.Setting
	c, err := p.zoneComment(ctx, z.key, z.id)
	if err != nil {
		return nil, err
	}
	if c != "" && c != defaultZoneComment {
		out = append(out, &model.Setting{Kind: estate.KindZoneComment, Args: []any{c}})
	}
	tags, err := p.exportTags(ctx, z.key, z.id)
	if err != nil {
		return nil, err
	}
	shown := map[string]any{}
	for k, v := range tags {
		if !strings.HasPrefix(strings.ToLower(k), "aws:") {
			shown[k] = v
		}
	}
	if len(shown) > 0 {
		out = append(out, &model.Setting{Kind: estate.KindZoneTags, Args: []any{shown}})
	}
	logs, err := p.exportQueryLogs(ctx, z.key, z.id)
	if err != nil {
		return nil, err
	}
	if len(logs) > 0 {
		out = append(out, &model.Setting{Kind: estate.KindQueryLog, Args: []any{aws.ToString(logs[0].CloudWatchLogsLogGroupArn)}})
	}
	return out, nil
}
