package route53

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// cidrStub is the Route 53 API for the CIDR collection tests: moto for
// everything moto serves, and recorded behaviour for what it does not.
// moto 5.2.1 serves no CIDR collection call (its route53/urls.py has no
// cidrcollection route) and drops the CidrRoutingConfig of record sets
// (its RecordSet keeps no such field), so the stub answers
// ListCidrCollections, ListCidrBlocks, CreateCidrCollection,
// ChangeCidrCollection and DeleteCidrCollection itself, with the shapes
// and errors of the AWS API reference (versions counted from 1 and raised
// by each change, CidrCollectionVersionMismatchException,
// NoSuchCidrCollectionException, CidrBlockInUseException,
// CidrCollectionInUseException), and keeps the CidrRoutingConfig of the
// record sets written through it, refusing one whose collection or
// location does not exist (NoSuchCidrCollectionException,
// NoSuchCidrLocationException) as Route 53 does.
type cidrStub struct {
	*route53.Client // moto, through the fault proxy

	mu      sync.Mutex
	colls   map[string]*cidrStubCollection // by ID
	routing map[string]types.CidrRoutingConfig
	calls   map[string]int
	nextID  int
}

type cidrStubCollection struct {
	name    string
	version int64
	blocks  map[string]string // block -> location
}

func newCIDRStub(c *route53.Client) *cidrStub {
	return &cidrStub{Client: c, colls: map[string]*cidrStubCollection{}, routing: map[string]types.CidrRoutingConfig{}, calls: map[string]int{}}
}

func (s *cidrStub) count(op string) { s.calls[op]++ }

// cidrCalls returns how many CIDR collection calls the stub answered.
func (s *cidrStub) cidrCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		n += c
	}
	return n
}

func (s *cidrStub) ListCidrCollections(_ context.Context, in *route53.ListCidrCollectionsInput, _ ...func(*route53.Options)) (*route53.ListCidrCollectionsOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("ListCidrCollections")
	out := &route53.ListCidrCollectionsOutput{}
	for _, id := range cidrSortedKeys(s.colls) {
		c := s.colls[id]
		out.CidrCollections = append(out.CidrCollections, types.CollectionSummary{
			Arn: aws.String("arn:aws:route53:::cidrcollection/" + id), Id: aws.String(id), Name: aws.String(c.name), Version: aws.Int64(c.version)})
	}
	return out, nil
}

func (s *cidrStub) ListCidrBlocks(_ context.Context, in *route53.ListCidrBlocksInput, _ ...func(*route53.Options)) (*route53.ListCidrBlocksOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("ListCidrBlocks")
	c := s.colls[aws.ToString(in.CollectionId)]
	if c == nil {
		return nil, &types.NoSuchCidrCollectionException{Message: aws.String("The CIDR collection you specified, doesn't exist.")}
	}
	out := &route53.ListCidrBlocksOutput{}
	for _, b := range cidrSortedKeys(c.blocks) {
		if l := aws.ToString(in.LocationName); l == "" || l == c.blocks[b] {
			out.CidrBlocks = append(out.CidrBlocks, types.CidrBlockSummary{CidrBlock: aws.String(b), LocationName: aws.String(c.blocks[b])})
		}
	}
	return out, nil
}

func (s *cidrStub) CreateCidrCollection(_ context.Context, in *route53.CreateCidrCollectionInput, _ ...func(*route53.Options)) (*route53.CreateCidrCollectionOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("CreateCidrCollection")
	for _, c := range s.colls {
		if c.name == aws.ToString(in.Name) {
			return nil, &types.CidrCollectionAlreadyExistsException{Message: aws.String("A CIDR collection with this name already exists.")}
		}
	}
	if aws.ToString(in.CallerReference) == "" || len(aws.ToString(in.CallerReference)) > 64 {
		return nil, &types.InvalidInput{Message: aws.String("CallerReference must be 1 to 64 characters")}
	}
	s.nextID++
	id := fmt.Sprintf("c0ffee%02d-0000-4000-8000-%012d", s.nextID, s.nextID)
	s.colls[id] = &cidrStubCollection{name: aws.ToString(in.Name), version: 1, blocks: map[string]string{}}
	return &route53.CreateCidrCollectionOutput{
		Collection: &types.CidrCollection{Arn: aws.String("arn:aws:route53:::cidrcollection/" + id), Id: aws.String(id), Name: in.Name, Version: aws.Int64(1)},
		Location:   aws.String("https://route53.amazonaws.com/2013-04-01/cidrcollection/" + id),
	}, nil
}

// locationUsed reports whether a record set routes to the location.
func (s *cidrStub) locationUsed(id, loc string) bool {
	for _, r := range s.routing {
		if aws.ToString(r.CollectionId) == id && (loc == "" || aws.ToString(r.LocationName) == loc) {
			return true
		}
	}
	return false
}

func (s *cidrStub) ChangeCidrCollection(_ context.Context, in *route53.ChangeCidrCollectionInput, _ ...func(*route53.Options)) (*route53.ChangeCidrCollectionOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("ChangeCidrCollection")
	id := aws.ToString(in.Id)
	c := s.colls[id]
	if c == nil {
		return nil, &types.NoSuchCidrCollectionException{Message: aws.String("The CIDR collection you specified, doesn't exist.")}
	}
	if in.CollectionVersion != nil && *in.CollectionVersion != c.version {
		return nil, &types.CidrCollectionVersionMismatchException{Message: aws.String("The CIDR collection version you provided, doesn't match the one in the ListCidrCollections operation.")}
	}
	n := 0
	for _, ch := range in.Changes {
		n += len(ch.CidrList)
	}
	if n == 0 || n > 1000 {
		return nil, &types.InvalidInput{Message: aws.String("1 to 1000 CIDR blocks per request")}
	}
	// All or nothing: work on a copy.
	blocks := make(map[string]string, len(c.blocks))
	for b, l := range c.blocks {
		blocks[b] = l
	}
	for _, ch := range in.Changes {
		loc := aws.ToString(ch.LocationName)
		for _, b := range ch.CidrList {
			switch ch.Action {
			case types.CidrCollectionChangeActionPut:
				if l, ok := blocks[b]; ok && l != loc {
					return nil, &types.InvalidInput{Message: aws.String(b + " is already in location " + l)}
				}
				blocks[b] = loc
			case types.CidrCollectionChangeActionDeleteIfExists:
				if blocks[b] == loc {
					delete(blocks, b)
				}
			}
		}
	}
	left := map[string]bool{}
	for _, l := range blocks {
		left[l] = true
	}
	for _, l := range c.blocks {
		if !left[l] && s.locationUsed(id, l) {
			return nil, &types.CidrBlockInUseException{Message: aws.String("location " + l + " is used by a record set")}
		}
	}
	c.blocks = blocks
	c.version++
	return &route53.ChangeCidrCollectionOutput{Id: in.Id}, nil
}

func (s *cidrStub) DeleteCidrCollection(_ context.Context, in *route53.DeleteCidrCollectionInput, _ ...func(*route53.Options)) (*route53.DeleteCidrCollectionOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count("DeleteCidrCollection")
	id := aws.ToString(in.Id)
	c := s.colls[id]
	if c == nil {
		return nil, &types.NoSuchCidrCollectionException{Message: aws.String("The CIDR collection you specified, doesn't exist.")}
	}
	if len(c.blocks) > 0 || s.locationUsed(id, "") {
		return nil, &types.CidrCollectionInUseException{Message: aws.String("This CIDR collection is in use, and isn't empty.")}
	}
	delete(s.colls, id)
	return &route53.DeleteCidrCollectionOutput{}, nil
}

func cidrStubSetKey(zoneID string, s types.ResourceRecordSet) string {
	name := strings.ToLower(aws.ToString(s.Name))
	if !strings.HasSuffix(name, ".") {
		name += "."
	}
	return cleanZoneID(zoneID) + "|" + name + "|" + string(s.Type) + "|" + aws.ToString(s.SetIdentifier)
}

// ChangeResourceRecordSets checks and keeps the CidrRoutingConfig moto
// drops, then lets moto make the change.
func (s *cidrStub) ChangeResourceRecordSets(ctx context.Context, in *route53.ChangeResourceRecordSetsInput, opts ...func(*route53.Options)) (*route53.ChangeResourceRecordSetsOutput, error) {
	s.mu.Lock()
	for _, ch := range in.ChangeBatch.Changes {
		rc := ch.ResourceRecordSet.CidrRoutingConfig
		if rc == nil || ch.Action == types.ChangeActionDelete {
			continue
		}
		c := s.colls[aws.ToString(rc.CollectionId)]
		if c == nil {
			s.mu.Unlock()
			return nil, &types.NoSuchCidrCollectionException{Message: aws.String("The CIDR collection you specified, doesn't exist.")}
		}
		if loc := aws.ToString(rc.LocationName); loc != "*" && !slices.Contains(cidrMapValues(c.blocks), loc) {
			s.mu.Unlock()
			return nil, &types.NoSuchCidrLocationException{Message: aws.String("The CIDR collection location doesn't match any location in your account.")}
		}
	}
	s.mu.Unlock()
	out, err := s.Client.ChangeResourceRecordSets(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ch := range in.ChangeBatch.Changes {
		k := cidrStubSetKey(aws.ToString(in.HostedZoneId), *ch.ResourceRecordSet)
		if rc := ch.ResourceRecordSet.CidrRoutingConfig; rc != nil && ch.Action != types.ChangeActionDelete {
			s.routing[k] = *rc
		} else {
			delete(s.routing, k)
		}
	}
	return out, nil
}

func cidrMapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// ListResourceRecordSets gives moto's record sets back their
// CidrRoutingConfig.
func (s *cidrStub) ListResourceRecordSets(ctx context.Context, in *route53.ListResourceRecordSetsInput, opts ...func(*route53.Options)) (*route53.ListResourceRecordSetsOutput, error) {
	out, err := s.Client.ListResourceRecordSets(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, set := range out.ResourceRecordSets {
		if rc, ok := s.routing[cidrStubSetKey(aws.ToString(in.HostedZoneId), set)]; ok {
			rc := rc
			out.ResourceRecordSets[i].CidrRoutingConfig = &rc
		}
	}
	return out, nil
}
