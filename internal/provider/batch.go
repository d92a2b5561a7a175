package provider

import "context"

// Batch is one request of changes a provider has sent while applying a
// plan: the N-th of Of, holding Changes record-set changes.
type Batch struct {
	N, Of   int
	Changes int
}

type batchTraceKey struct{}

// WithBatchTrace returns a context under which a provider's Apply tells f
// of each batch it has sent, as net/http/httptrace does for a request's
// progress; f must be safe to call from the goroutine of the Apply.
func WithBatchTrace(ctx context.Context, f func(Batch)) context.Context {
	return context.WithValue(ctx, batchTraceKey{}, f)
}

// TraceBatch tells the function of WithBatchTrace, if ctx has one, that b
// was sent. Providers that send a plan in several requests call it after
// each one that took effect.
func TraceBatch(ctx context.Context, b Batch) {
	if f, ok := ctx.Value(batchTraceKey{}).(func(Batch)); ok {
		f(b)
	}
}
