package route53

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/route53domains"
	dtypes "github.com/aws/aws-sdk-go-v2/service/route53domains/types"
)

// The DNSSEC stub. moto 5.2.1 serves GetDNSSEC only, and loosely (always
// NOT_SIGNING, no KSKs: moto/route53/responses.py get_dnssec, "TODO:
// implement enable/disable dnssec apis"); it serves none of
// CreateKeySigningKey, ActivateKeySigningKey, DeactivateKeySigningKey,
// DeleteKeySigningKey, EnableHostedZoneDNSSEC, DisableHostedZoneDNSSEC, nor
// the Route 53 Domains DNSSEC calls (AssociateDelegationSignerToDomain,
// DisassociateDelegationSignerFromDomain, GetDomainDetail's DnssecKeys,
// ListOperations of REMOVE_DNSSEC). dnssecStub answers those with the
// shapes of the AWS API reference, keeping a zone's signing in memory; the
// record calls, and GetDNSSEC's check that the zone exists, still go to
// moto through the fault proxy.

// stubKMS is a KMS key ARN of the right shape.
const stubKMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

// callLog records the calls both stubs receive, in order.
type callLog struct {
	mu    sync.Mutex
	calls []string
}

func (l *callLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, s)
}

func (l *callLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.calls
	l.calls = nil
	return out
}

// dnssecStub is moto's Route 53 plus an in-memory DNSSEC of each zone.
type dnssecStub struct {
	*route53.Client
	log   *callLog
	mu    sync.Mutex
	zones map[string]*stubZone // by zone ID
	next  int
}

type stubZone struct {
	status string
	ksks   []types.KeySigningKey
}

func newDNSSECStub(endpoint string, log *callLog) *dnssecStub {
	c := route53.New(route53.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(testKeyID, testSecret, ""),
		BaseEndpoint: aws.String(endpoint),
		Retryer:      aws.NopRetryer{},
	})
	return &dnssecStub{Client: c, log: log, zones: map[string]*stubZone{}}
}

func (s *dnssecStub) zone(id string) *stubZone {
	id = cleanZoneID(id)
	z := s.zones[id]
	if z == nil {
		z = &stubZone{status: notSigning}
		s.zones[id] = z
	}
	return z
}

func (s *dnssecStub) change() *types.ChangeInfo {
	s.next++
	return &types.ChangeInfo{Id: aws.String(fmt.Sprintf("/change/C%05dDNSSEC", s.next)), Status: types.ChangeStatusPending, SubmittedAt: aws.Time(time.Now())}
}

// stubKSK is a KSK as GetDNSSEC returns it (values of the AWS example).
func stubKSK(name, kms string, tag int32) types.KeySigningKey {
	pub := fmt.Sprintf("pub%dKeyOf%sAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", tag, name)
	digest := fmt.Sprintf("%064X", tag)
	now := time.Now()
	return types.KeySigningKey{
		Name: aws.String(name), KmsArn: aws.String(kms), Flag: 257,
		SigningAlgorithmMnemonic: aws.String("ECDSAP256SHA256"), SigningAlgorithmType: 13,
		DigestAlgorithmMnemonic: aws.String("SHA-256"), DigestAlgorithmType: 2,
		KeyTag: tag, DigestValue: aws.String(digest), PublicKey: aws.String(pub),
		DSRecord:     aws.String(fmt.Sprintf("%d 13 2 %s", tag, digest)),
		DNSKEYRecord: aws.String("257 3 13 " + pub),
		Status:       aws.String(kskActive), CreatedDate: &now, LastModifiedDate: &now,
	}
}

func (s *dnssecStub) ChangeResourceRecordSets(ctx context.Context, in *route53.ChangeResourceRecordSetsInput, o ...func(*route53.Options)) (*route53.ChangeResourceRecordSetsOutput, error) {
	s.log.add("ChangeResourceRecordSets")
	return s.Client.ChangeResourceRecordSets(ctx, in, o...)
}

func (s *dnssecStub) GetDNSSEC(ctx context.Context, in *route53.GetDNSSECInput, o ...func(*route53.Options)) (*route53.GetDNSSECOutput, error) {
	s.log.add("GetDNSSEC")
	// moto checks that the zone exists (NoSuchHostedZone otherwise).
	if _, err := s.Client.GetDNSSEC(ctx, in, o...); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zone(aws.ToString(in.HostedZoneId))
	return &route53.GetDNSSECOutput{Status: &types.DNSSECStatus{ServeSignature: aws.String(z.status)}, KeySigningKeys: append([]types.KeySigningKey(nil), z.ksks...)}, nil
}

func (s *dnssecStub) CreateKeySigningKey(_ context.Context, in *route53.CreateKeySigningKeyInput, _ ...func(*route53.Options)) (*route53.CreateKeySigningKeyOutput, error) {
	s.log.add("CreateKeySigningKey " + aws.ToString(in.Name) + " " + aws.ToString(in.Status))
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zone(aws.ToString(in.HostedZoneId))
	if len(z.ksks) >= 2 {
		return nil, &types.TooManyKeySigningKeys{Message: aws.String("You've reached the limit for the number of key-signing keys (KSKs) per hosted zone.")}
	}
	for _, k := range z.ksks {
		if aws.ToString(k.Name) == aws.ToString(in.Name) {
			return nil, &types.KeySigningKeyAlreadyExists{Message: aws.String("A key-signing key with that name already exists.")}
		}
	}
	k := stubKSK(aws.ToString(in.Name), aws.ToString(in.KeyManagementServiceArn), int32(20000+len(z.ksks)+s.next))
	k.Status = in.Status
	z.ksks = append(z.ksks, k)
	return &route53.CreateKeySigningKeyOutput{ChangeInfo: s.change(), KeySigningKey: &k, Location: aws.String("https://route53.amazonaws.com/2013-04-01/keysigningkey/" + aws.ToString(in.HostedZoneId) + "/" + aws.ToString(in.Name))}, nil
}

func (s *dnssecStub) setKSK(zoneID, name, status string) (*types.ChangeInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zone(zoneID)
	for i := range z.ksks {
		if aws.ToString(z.ksks[i].Name) == name {
			if status == kskInactive && z.status == signing && len(z.ksks) == 1 {
				return nil, &types.KeySigningKeyInUse{Message: aws.String("The key-signing key (KSK) is the only one of a zone with DNSSEC signing enabled.")}
			}
			z.ksks[i].Status = aws.String(status)
			return s.change(), nil
		}
	}
	return nil, &types.NoSuchKeySigningKey{Message: aws.String("The specified key-signing key (KSK) doesn't exist.")}
}

func (s *dnssecStub) ActivateKeySigningKey(_ context.Context, in *route53.ActivateKeySigningKeyInput, _ ...func(*route53.Options)) (*route53.ActivateKeySigningKeyOutput, error) {
	s.log.add("ActivateKeySigningKey " + aws.ToString(in.Name))
	ci, err := s.setKSK(aws.ToString(in.HostedZoneId), aws.ToString(in.Name), kskActive)
	if err != nil {
		return nil, err
	}
	return &route53.ActivateKeySigningKeyOutput{ChangeInfo: ci}, nil
}

func (s *dnssecStub) DeactivateKeySigningKey(_ context.Context, in *route53.DeactivateKeySigningKeyInput, _ ...func(*route53.Options)) (*route53.DeactivateKeySigningKeyOutput, error) {
	s.log.add("DeactivateKeySigningKey " + aws.ToString(in.Name))
	ci, err := s.setKSK(aws.ToString(in.HostedZoneId), aws.ToString(in.Name), kskInactive)
	if err != nil {
		return nil, err
	}
	return &route53.DeactivateKeySigningKeyOutput{ChangeInfo: ci}, nil
}

func (s *dnssecStub) DeleteKeySigningKey(_ context.Context, in *route53.DeleteKeySigningKeyInput, _ ...func(*route53.Options)) (*route53.DeleteKeySigningKeyOutput, error) {
	s.log.add("DeleteKeySigningKey " + aws.ToString(in.Name))
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zone(aws.ToString(in.HostedZoneId))
	for i, k := range z.ksks {
		if aws.ToString(k.Name) == aws.ToString(in.Name) {
			if aws.ToString(k.Status) == kskActive {
				return nil, &types.InvalidKeySigningKeyStatus{Message: aws.String("The key-signing key (KSK) must be INACTIVE to be deleted.")}
			}
			z.ksks = append(z.ksks[:i], z.ksks[i+1:]...)
			return &route53.DeleteKeySigningKeyOutput{ChangeInfo: s.change()}, nil
		}
	}
	return nil, &types.NoSuchKeySigningKey{Message: aws.String("The specified key-signing key (KSK) doesn't exist.")}
}

func (s *dnssecStub) EnableHostedZoneDNSSEC(_ context.Context, in *route53.EnableHostedZoneDNSSECInput, _ ...func(*route53.Options)) (*route53.EnableHostedZoneDNSSECOutput, error) {
	s.log.add("EnableHostedZoneDNSSEC")
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zone(aws.ToString(in.HostedZoneId))
	active := false
	for _, k := range z.ksks {
		active = active || aws.ToString(k.Status) == kskActive
	}
	if !active {
		return nil, &types.KeySigningKeyWithActiveStatusNotFound{Message: aws.String("A key-signing key (KSK) with ACTIVE status wasn't found.")}
	}
	z.status = signing
	return &route53.EnableHostedZoneDNSSECOutput{ChangeInfo: s.change()}, nil
}

func (s *dnssecStub) DisableHostedZoneDNSSEC(_ context.Context, in *route53.DisableHostedZoneDNSSECInput, _ ...func(*route53.Options)) (*route53.DisableHostedZoneDNSSECOutput, error) {
	s.log.add("DisableHostedZoneDNSSEC")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zone(aws.ToString(in.HostedZoneId)).status = notSigning
	return &route53.DisableHostedZoneDNSSECOutput{ChangeInfo: s.change()}, nil
}

// domainsStub is Route 53 Domains for registered domains: their DS
// records at the registry and the operations that removed some.
type domainsStub struct {
	log  *callLog
	r53  *dnssecStub // to give a DS record its key tag and digest
	mu   sync.Mutex
	ds   map[string][]dtypes.DnssecKey
	ops  []dtypes.OperationSummary
	next int
}

func (d *domainsStub) GetDomainDetail(_ context.Context, in *route53domains.GetDomainDetailInput, _ ...func(*route53domains.Options)) (*route53domains.GetDomainDetailOutput, error) {
	d.log.add("GetDomainDetail")
	d.mu.Lock()
	defer d.mu.Unlock()
	name := aws.ToString(in.DomainName)
	return &route53domains.GetDomainDetailOutput{DomainName: aws.String(name), DnssecKeys: append([]dtypes.DnssecKey(nil), d.ds[name]...),
		Nameservers: []dtypes.Nameserver{{Name: aws.String("ns-1.awsdns-01.org")}}}, nil
}

func (d *domainsStub) UpdateDomainNameservers(context.Context, *route53domains.UpdateDomainNameserversInput, ...func(*route53domains.Options)) (*route53domains.UpdateDomainNameserversOutput, error) {
	return nil, fmt.Errorf("not used by these tests")
}

func (d *domainsStub) AssociateDelegationSignerToDomain(_ context.Context, in *route53domains.AssociateDelegationSignerToDomainInput, _ ...func(*route53domains.Options)) (*route53domains.AssociateDelegationSignerToDomainOutput, error) {
	a := in.SigningAttributes
	d.log.add(fmt.Sprintf("AssociateDelegationSignerToDomain alg=%d flags=%d", aws.ToInt32(a.Algorithm), aws.ToInt32(a.Flags)))
	d.mu.Lock()
	defer d.mu.Unlock()
	name := aws.ToString(in.DomainName)
	for _, k := range d.ds[name] {
		if aws.ToString(k.PublicKey) == aws.ToString(a.PublicKey) {
			return nil, &dtypes.DuplicateRequest{Message: aws.String("The DS record is already associated with the domain.")}
		}
	}
	key := dtypes.DnssecKey{Algorithm: a.Algorithm, Flags: a.Flags, PublicKey: a.PublicKey, DigestType: aws.Int32(2)}
	d.r53.mu.Lock()
	for _, z := range d.r53.zones {
		for _, k := range z.ksks {
			if aws.ToString(k.PublicKey) == aws.ToString(a.PublicKey) {
				key.KeyTag, key.Digest = aws.Int32(k.KeyTag), k.DigestValue
			}
		}
	}
	d.r53.mu.Unlock()
	d.next++
	key.Id = aws.String(fmt.Sprintf("ds-%d", d.next))
	d.ds[name] = append(d.ds[name], key)
	return &route53domains.AssociateDelegationSignerToDomainOutput{OperationId: aws.String(fmt.Sprintf("op-add-%d", d.next))}, nil
}

func (d *domainsStub) DisassociateDelegationSignerFromDomain(_ context.Context, in *route53domains.DisassociateDelegationSignerFromDomainInput, _ ...func(*route53domains.Options)) (*route53domains.DisassociateDelegationSignerFromDomainOutput, error) {
	d.log.add("DisassociateDelegationSignerFromDomain " + aws.ToString(in.Id))
	d.mu.Lock()
	defer d.mu.Unlock()
	name := aws.ToString(in.DomainName)
	for i, k := range d.ds[name] {
		if aws.ToString(k.Id) == aws.ToString(in.Id) {
			d.ds[name] = append(d.ds[name][:i], d.ds[name][i+1:]...)
			d.next++
			now := dnssecNow()
			id := fmt.Sprintf("op-remove-%d", d.next)
			d.ops = append(d.ops, dtypes.OperationSummary{DomainName: aws.String(name), OperationId: aws.String(id), Status: dtypes.OperationStatusSuccessful,
				Type: dtypes.OperationTypeRemoveDnssec, SubmittedDate: &now, LastUpdatedDate: &now})
			return &route53domains.DisassociateDelegationSignerFromDomainOutput{OperationId: aws.String(id)}, nil
		}
	}
	return nil, &dtypes.InvalidInput{Message: aws.String("No DS record with that ID.")}
}

func (d *domainsStub) ListOperations(_ context.Context, in *route53domains.ListOperationsInput, _ ...func(*route53domains.Options)) (*route53domains.ListOperationsOutput, error) {
	d.log.add("ListOperations")
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []dtypes.OperationSummary
	for _, o := range d.ops {
		if in.SubmittedSince != nil && o.SubmittedDate.Before(*in.SubmittedSince) {
			continue
		}
		if len(in.Type) > 0 && !strings.Contains(fmt.Sprint(in.Type), string(o.Type)) {
			continue
		}
		out = append(out, o)
	}
	return &route53domains.ListOperationsOutput{Operations: out}, nil
}
