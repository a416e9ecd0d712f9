// Package schemaprovider is a Terraform provider plugin (protocol 6) that
// serves a provider schema and nothing else. Terraform core checks
// configuration against the schema during `terraform validate`, and
// `terraform test` with mock_provider blocks needs only the schema, so this is
// enough to run both offline. Every call that would need the real provider
// (plan, apply, read, import, functions) fails with a diagnostic saying so,
// except for the resource types a Planner models: those are planned (and
// their prior state read), so that `terraform plan` against a given state
// runs with this server standing in for a provider binary we cannot fetch.
package schemaprovider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
	"github.com/zclconf/go-cty/cty"
)

// Server implements tfprotov6.ProviderServer from a schema. The schema is
// loaded on the first GetProviderSchema call only: Terraform starts a
// provider several times per command, and since the server announces
// GetProviderSchemaOptional, the later instances (which only answer the
// validation calls) never pay for decoding a large schema.
type Server struct {
	name    string
	load    func() (*tfschema.Provider, error)
	planner Planner

	once     sync.Once
	schema   *tfprotov6.GetProviderSchemaResponse
	loadDiag []*tfprotov6.Diagnostic
}

var _ tfprotov6.ProviderServer = (*Server)(nil)

// Planner plans the resource types it Handles as their real provider would.
type Planner interface {
	Handles(typeName string) bool
	// AdjustSchema adds to an extracted schema what planning needs and the
	// extraction lacks (schema version, computed arguments with defaults).
	AdjustSchema(typeName string, s *tfschema.Schema) error
	// Plan returns the planned new state and the paths that force a replacement.
	Plan(typeName string, typ tftypes.Type, prior, config, proposed tftypes.Value) (tftypes.Value, []*tftypes.AttributePath, error)
}

// New returns a server for the schema load returns. name is used in messages.
func New(name string, load func() (*tfschema.Provider, error)) *Server {
	return &Server{name: name, load: load}
}

// WithPlanner makes the server plan the resource types p handles.
func (s *Server) WithPlanner(p Planner) *Server {
	s.planner = p
	return s
}

// capabilities: Terraform may reuse the schema one instance returned for the others.
func capabilities() *tfprotov6.ServerCapabilities {
	return &tfprotov6.ServerCapabilities{PlanDestroy: true, GetProviderSchemaOptional: true}
}

func (s *Server) loadSchema() {
	s.once.Do(func() {
		p, err := s.load()
		if err == nil && s.planner != nil {
			for name, rs := range p.Resources {
				if s.planner.Handles(name) {
					if err = s.planner.AdjustSchema(name, rs); err != nil {
						break
					}
				}
			}
		}
		if err == nil {
			s.schema, err = Convert(p)
		}
		if err != nil {
			s.loadDiag = []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: "Schema-only provider: cannot load schema", Detail: err.Error()}}
		}
	})
}

// Convert turns a provider schema into the plugin protocol's schema response.
func Convert(p *tfschema.Provider) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp := &tfprotov6.GetProviderSchemaResponse{
		ServerCapabilities:       capabilities(),
		ResourceSchemas:          map[string]*tfprotov6.Schema{},
		DataSourceSchemas:        map[string]*tfprotov6.Schema{},
		Functions:                map[string]*tfprotov6.Function{},
		EphemeralResourceSchemas: map[string]*tfprotov6.Schema{},
		ListResourceSchemas:      map[string]*tfprotov6.Schema{},
		ActionSchemas:            map[string]*tfprotov6.ActionSchema{},
	}
	var err error
	if resp.Provider, err = convertSchema(p.Provider); err != nil {
		return nil, fmt.Errorf("provider block: %w", err)
	}
	for n, rs := range p.Resources {
		if resp.ResourceSchemas[n], err = convertSchema(rs); err != nil {
			return nil, fmt.Errorf("resource %s: %w", n, err)
		}
	}
	for n, ds := range p.DataSources {
		if resp.DataSourceSchemas[n], err = convertSchema(ds); err != nil {
			return nil, fmt.Errorf("data source %s: %w", n, err)
		}
	}
	for n, es := range p.EphemeralResources {
		if resp.EphemeralResourceSchemas[n], err = convertSchema(es); err != nil {
			return nil, fmt.Errorf("ephemeral resource %s: %w", n, err)
		}
	}
	return resp, nil
}

// Serve runs the plugin protocol on stdin/stdout until Terraform stops it.
func Serve(address string, s *Server) error {
	return tf6server.Serve(address, func() tfprotov6.ProviderServer { return s })
}

func convertSchema(s *tfschema.Schema) (*tfprotov6.Schema, error) {
	if s == nil || s.Block == nil {
		return &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{}}, nil
	}
	b, err := convertBlock(s.Block)
	if err != nil {
		return nil, err
	}
	return &tfprotov6.Schema{Version: s.Version, Block: b}, nil
}

func convertBlock(b *tfschema.Block) (*tfprotov6.SchemaBlock, error) {
	out := &tfprotov6.SchemaBlock{}
	for _, name := range slices.Sorted(maps.Keys(b.Attributes)) {
		a, err := convertAttribute(name, b.Attributes[name])
		if err != nil {
			return nil, err
		}
		out.Attributes = append(out.Attributes, a)
	}
	for _, name := range slices.Sorted(maps.Keys(b.BlockTypes)) {
		bt := b.BlockTypes[name]
		inner, err := convertBlock(bt.Block)
		if err != nil {
			return nil, fmt.Errorf("block %s: %w", name, err)
		}
		nb := &tfprotov6.SchemaNestedBlock{TypeName: name, Block: inner, MinItems: bt.MinItems, MaxItems: bt.MaxItems}
		switch bt.NestingMode {
		case tfschema.NestingSingle:
			nb.Nesting = tfprotov6.SchemaNestedBlockNestingModeSingle
		case tfschema.NestingSet:
			nb.Nesting = tfprotov6.SchemaNestedBlockNestingModeSet
		case tfschema.NestingMap:
			nb.Nesting = tfprotov6.SchemaNestedBlockNestingModeMap
		default:
			nb.Nesting = tfprotov6.SchemaNestedBlockNestingModeList
		}
		out.BlockTypes = append(out.BlockTypes, nb)
	}
	return out, nil
}

// convertAttribute keeps optional attributes non-computed: the package does
// not tell optional from optional+computed, and with mock providers an unset
// non-computed attribute stays null (what tests asserting "== null" expect)
// instead of getting a generated value. Tests that need a value for an unset
// optional+computed attribute (e.g. a name generated from name_prefix) set it
// with override_resource.
func convertAttribute(name string, a *tfschema.Attribute) (*tfprotov6.SchemaAttribute, error) {
	out := &tfprotov6.SchemaAttribute{
		Name:      name,
		Required:  a.Required,
		Optional:  a.Optional,
		Computed:  a.Computed,
		Sensitive: a.Sensitive,
		WriteOnly: a.WriteOnly,
	}
	if a.NestedType != nil {
		obj := &tfprotov6.SchemaObject{}
		for _, n := range slices.Sorted(maps.Keys(a.NestedType.Attributes)) {
			na, err := convertAttribute(n, a.NestedType.Attributes[n])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			obj.Attributes = append(obj.Attributes, na)
		}
		switch a.NestedType.NestingMode {
		case tfschema.NestingList:
			obj.Nesting = tfprotov6.SchemaObjectNestingModeList
		case tfschema.NestingSet:
			obj.Nesting = tfprotov6.SchemaObjectNestingModeSet
		case tfschema.NestingMap:
			obj.Nesting = tfprotov6.SchemaObjectNestingModeMap
		default:
			obj.Nesting = tfprotov6.SchemaObjectNestingModeSingle
		}
		out.NestedType = obj
		return out, nil
	}
	t := cty.DynamicPseudoType
	if a.Type != nil {
		t = *a.Type
	}
	tt, err := TFType(t)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out.Type = tt
	return out, nil
}

// TFType converts a cty type to the plugin protocol's tftypes.
func TFType(t cty.Type) (tftypes.Type, error) {
	switch {
	case t == cty.DynamicPseudoType:
		return tftypes.DynamicPseudoType, nil
	case t == cty.String:
		return tftypes.String, nil
	case t == cty.Number:
		return tftypes.Number, nil
	case t == cty.Bool:
		return tftypes.Bool, nil
	case t.IsListType():
		e, err := TFType(t.ElementType())
		return tftypes.List{ElementType: e}, err
	case t.IsSetType():
		e, err := TFType(t.ElementType())
		return tftypes.Set{ElementType: e}, err
	case t.IsMapType():
		e, err := TFType(t.ElementType())
		return tftypes.Map{ElementType: e}, err
	case t.IsObjectType():
		attrs := map[string]tftypes.Type{}
		for n, at := range t.AttributeTypes() {
			c, err := TFType(at)
			if err != nil {
				return nil, err
			}
			attrs[n] = c
		}
		return tftypes.Object{AttributeTypes: attrs}, nil
	case t.IsTupleType():
		var elems []tftypes.Type
		for _, et := range t.TupleElementTypes() {
			c, err := TFType(et)
			if err != nil {
				return nil, err
			}
			elems = append(elems, c)
		}
		return tftypes.Tuple{ElementTypes: elems}, nil
	}
	return nil, fmt.Errorf("unsupported type %s", t.GoString())
}

func (s *Server) onlyValidates(what string) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{
		Severity: tfprotov6.DiagnosticSeverityError,
		Summary:  "Schema-only provider",
		Detail: fmt.Sprintf("This %s provider is the offline schema server of `make validate-offline` / `make test-plan`: "+
			"it serves the provider schema for validation and cannot %s. In terraform test, use mock_provider %q {}.", s.name, what, s.name),
	}}
}

// GetMetadata announces the capabilities only; Terraform then asks for the schema.
func (s *Server) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return &tfprotov6.GetMetadataResponse{ServerCapabilities: capabilities()}, nil
}

// GetProviderSchema returns the whole schema.
func (s *Server) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	s.loadSchema()
	if s.loadDiag != nil {
		return &tfprotov6.GetProviderSchemaResponse{Diagnostics: s.loadDiag}, nil
	}
	return s.schema, nil
}

// GetResourceIdentitySchemas: none.
func (s *Server) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov6.ResourceIdentitySchema{}}, nil
}

// ValidateProviderConfig accepts anything that matches the schema (core checked it).
func (s *Server) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

// ConfigureProvider succeeds without doing anything.
func (s *Server) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

// StopProvider succeeds.
func (s *Server) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}

// ValidateResourceConfig accepts anything that matches the schema.
func (s *Server) ValidateResourceConfig(context.Context, *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return &tfprotov6.ValidateResourceConfigResponse{}, nil
}

// UpgradeResourceState reads the prior state of a planned type (written at
// the schema's own version: there is nothing to upgrade) and fails for the rest.
func (s *Server) UpgradeResourceState(_ context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	typ, diags := s.plannedType(req.TypeName)
	if diags != nil {
		return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: diags}, nil
	}
	if req.Version != s.schema.ResourceSchemas[req.TypeName].Version {
		return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: errorDiag("Unsupported state version",
			fmt.Sprintf("%s state is at schema version %d; this offline provider reads only version %d.", req.TypeName, req.Version, s.schema.ResourceSchemas[req.TypeName].Version))}, nil
	}
	val, err := req.RawState.UnmarshalWithOpts(typ, tfprotov6.UnmarshalOpts{ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true}})
	if err != nil {
		return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: errorDiag("Invalid prior state", fmt.Sprintf("%s: %v", req.TypeName, err))}, nil
	}
	dv, err := tfprotov6.NewDynamicValue(typ, val)
	if err != nil {
		return nil, err
	}
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: &dv}, nil
}

// plannedType is the object type of a resource the planner handles, or the
// schema-only diagnostic.
func (s *Server) plannedType(typeName string) (tftypes.Type, []*tfprotov6.Diagnostic) {
	if s.planner == nil || !s.planner.Handles(typeName) {
		return nil, s.onlyValidates("plan or read the state of " + typeName)
	}
	s.loadSchema()
	if s.loadDiag != nil {
		return nil, s.loadDiag
	}
	rs, ok := s.schema.ResourceSchemas[typeName]
	if !ok {
		return nil, errorDiag("Unknown resource type", fmt.Sprintf("the %s schema has no resource %s", s.name, typeName))
	}
	return rs.ValueType(), nil
}

func errorDiag(summary, detail string) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: summary, Detail: detail}}
}

// ReadResource fails.
func (s *Server) ReadResource(context.Context, *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return &tfprotov6.ReadResourceResponse{Diagnostics: s.onlyValidates("read resources")}, nil
}

// PlanResourceChange plans the types the planner handles and fails for the rest.
func (s *Server) PlanResourceChange(_ context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	typ, diags := s.plannedType(req.TypeName)
	if diags != nil {
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: diags}, nil
	}
	var vals [3]tftypes.Value
	for i, dv := range []*tfprotov6.DynamicValue{req.PriorState, req.Config, req.ProposedNewState} {
		v, err := dv.Unmarshal(typ)
		if err != nil {
			return &tfprotov6.PlanResourceChangeResponse{Diagnostics: errorDiag("Invalid plan request", fmt.Sprintf("%s: %v", req.TypeName, err))}, nil
		}
		vals[i] = v
	}
	planned, replace, err := s.planner.Plan(req.TypeName, typ, vals[0], vals[1], vals[2])
	if err != nil {
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: errorDiag("Cannot plan "+req.TypeName, err.Error())}, nil
	}
	dv, err := tfprotov6.NewDynamicValue(typ, planned)
	if err != nil {
		return nil, err
	}
	return &tfprotov6.PlanResourceChangeResponse{PlannedState: &dv, RequiresReplace: replace}, nil
}

// ApplyResourceChange fails.
func (s *Server) ApplyResourceChange(context.Context, *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return &tfprotov6.ApplyResourceChangeResponse{Diagnostics: s.onlyValidates("apply")}, nil
}

// ImportResourceState fails.
func (s *Server) ImportResourceState(context.Context, *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return &tfprotov6.ImportResourceStateResponse{Diagnostics: s.onlyValidates("import")}, nil
}

// MoveResourceState fails.
func (s *Server) MoveResourceState(context.Context, *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return &tfprotov6.MoveResourceStateResponse{Diagnostics: s.onlyValidates("move state")}, nil
}

// UpgradeResourceIdentity fails.
func (s *Server) UpgradeResourceIdentity(context.Context, *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return &tfprotov6.UpgradeResourceIdentityResponse{Diagnostics: s.onlyValidates("upgrade identities")}, nil
}

// ValidateDataResourceConfig accepts anything that matches the schema.
func (s *Server) ValidateDataResourceConfig(context.Context, *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return &tfprotov6.ValidateDataResourceConfigResponse{}, nil
}

// ReadDataSource fails.
func (s *Server) ReadDataSource(context.Context, *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return &tfprotov6.ReadDataSourceResponse{Diagnostics: s.onlyValidates("read data sources")}, nil
}

// GetFunctions: the cdktf packages carry no provider functions.
func (s *Server) GetFunctions(context.Context, *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return &tfprotov6.GetFunctionsResponse{Functions: map[string]*tfprotov6.Function{}}, nil
}

// CallFunction fails.
func (s *Server) CallFunction(context.Context, *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return &tfprotov6.CallFunctionResponse{Error: &tfprotov6.FunctionError{Text: "schema-only provider: no functions"}}, nil
}

// ValidateEphemeralResourceConfig accepts: the schema checks are Terraform's.
func (s *Server) ValidateEphemeralResourceConfig(context.Context, *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return &tfprotov6.ValidateEphemeralResourceConfigResponse{}, nil
}

// OpenEphemeralResource fails.
func (s *Server) OpenEphemeralResource(context.Context, *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return &tfprotov6.OpenEphemeralResourceResponse{Diagnostics: s.onlyValidates("open ephemeral resources")}, nil
}

// RenewEphemeralResource fails.
func (s *Server) RenewEphemeralResource(context.Context, *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return &tfprotov6.RenewEphemeralResourceResponse{Diagnostics: s.onlyValidates("renew ephemeral resources")}, nil
}

// CloseEphemeralResource fails.
func (s *Server) CloseEphemeralResource(context.Context, *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return &tfprotov6.CloseEphemeralResourceResponse{Diagnostics: s.onlyValidates("close ephemeral resources")}, nil
}
