package schemaprovider

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
	"github.com/zclconf/go-cty/cty"
)

func testProvider() *tfschema.Provider {
	return &tfschema.Provider{
		Provider: &tfschema.Schema{Block: &tfschema.Block{Attributes: map[string]*tfschema.Attribute{
			"region": {Type: tfschema.TypeOf(cty.String), Optional: true},
		}}},
		Resources: map[string]*tfschema.Schema{"x_thing": {Block: &tfschema.Block{
			Attributes: map[string]*tfschema.Attribute{
				"name":     {Type: tfschema.TypeOf(cty.String), Required: true},
				"ports":    {Type: tfschema.TypeOf(cty.Set(cty.Number)), Optional: true},
				"arn":      {Type: tfschema.TypeOf(cty.String), Computed: true},
				"secret":   {Type: tfschema.TypeOf(cty.String), Optional: true, WriteOnly: true},
				"settings": {NestedType: &tfschema.NestedType{NestingMode: tfschema.NestingList, Attributes: map[string]*tfschema.Attribute{"k": {Type: tfschema.TypeOf(cty.String), Required: true}}}},
			},
			BlockTypes: map[string]*tfschema.BlockType{
				"rule":     {NestingMode: tfschema.NestingSet, MinItems: 1, Block: tfschema.NewBlock()},
				"timeouts": {NestingMode: tfschema.NestingSingle, Block: tfschema.NewBlock()},
			},
		}}},
		DataSources: map[string]*tfschema.Schema{"x_lookup": {Block: tfschema.NewBlock()}},
	}
}

func TestConvert(t *testing.T) {
	resp, err := Convert(testProvider())
	if err != nil {
		t.Fatal(err)
	}
	if !resp.ServerCapabilities.GetProviderSchemaOptional {
		t.Error("GetProviderSchemaOptional must be announced so later instances skip loading")
	}
	rs := resp.ResourceSchemas["x_thing"]
	if rs == nil || resp.DataSourceSchemas["x_lookup"] == nil {
		t.Fatal("resource or data source missing")
	}
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range rs.Block.Attributes {
		attrs[a.Name] = a
	}
	if a := attrs["name"]; !a.Required || a.Optional || a.Computed || !a.Type.Equal(tftypes.String) {
		t.Errorf("name = %+v", a)
	}
	if a := attrs["ports"]; !a.Optional || a.Computed || !a.Type.Equal(tftypes.Set{ElementType: tftypes.Number}) {
		t.Errorf("ports = %+v", a)
	}
	if a := attrs["arn"]; !a.Computed || a.Optional {
		t.Errorf("arn = %+v", a)
	}
	if !attrs["secret"].WriteOnly {
		t.Error("secret must stay write-only")
	}
	if a := attrs["settings"]; a.NestedType == nil || a.NestedType.Nesting != tfprotov6.SchemaObjectNestingModeList {
		t.Errorf("settings = %+v", a)
	}
	blocks := map[string]*tfprotov6.SchemaNestedBlock{}
	for _, b := range rs.Block.BlockTypes {
		blocks[b.TypeName] = b
	}
	if b := blocks["rule"]; b.Nesting != tfprotov6.SchemaNestedBlockNestingModeSet || b.MinItems != 1 {
		t.Errorf("rule = %+v", b)
	}
	if b := blocks["timeouts"]; b.Nesting != tfprotov6.SchemaNestedBlockNestingModeSingle {
		t.Errorf("timeouts = %+v", b)
	}
}

func TestServerOnlyValidates(t *testing.T) {
	ctx := context.Background()
	loads := 0
	s := New("x", func() (*tfschema.Provider, error) { loads++; return testProvider(), nil })
	if _, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{}); err != nil || loads != 0 {
		t.Fatalf("validation must not load the schema (loads=%d, err=%v)", loads, err)
	}
	for i := 0; i < 2; i++ {
		resp, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || len(resp.Diagnostics) != 0 || resp.ResourceSchemas["x_thing"] == nil {
			t.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
		}
	}
	if loads != 1 {
		t.Errorf("schema loaded %d times, want once", loads)
	}
	plan, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{})
	if err != nil || len(plan.Diagnostics) != 1 || plan.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Errorf("plan must fail with one error diagnostic, got %v %v", err, plan.Diagnostics)
	}

	broken := New("x", func() (*tfschema.Provider, error) { return nil, errors.New("no cache") })
	resp, _ := broken.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if len(resp.Diagnostics) != 1 {
		t.Errorf("a load failure must surface as a diagnostic")
	}
}

// stubPlanner plans x_thing: it copies the configuration, makes arn unknown
// and asks for replacement when name changes.
type stubPlanner struct{ adjusted bool }

func (p *stubPlanner) Handles(typeName string) bool { return typeName == "x_thing" }

func (p *stubPlanner) AdjustSchema(_ string, s *tfschema.Schema) error {
	p.adjusted = true
	s.Version = 2
	return nil
}

func (p *stubPlanner) Plan(_ string, typ tftypes.Type, prior, config, _ tftypes.Value) (tftypes.Value, []*tftypes.AttributePath, error) {
	var cfg map[string]tftypes.Value
	if err := config.As(&cfg); err != nil {
		return tftypes.Value{}, nil, err
	}
	cfg["arn"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	var replace []*tftypes.AttributePath
	if !prior.IsNull() {
		var old map[string]tftypes.Value
		_ = prior.As(&old)
		if !old["name"].Equal(cfg["name"]) {
			replace = append(replace, tftypes.NewAttributePath().WithAttributeName("name"))
		}
	}
	return tftypes.NewValue(typ, cfg), replace, nil
}

func TestServerPlansWhatThePlannerHandles(t *testing.T) {
	ctx := context.Background()
	planner := &stubPlanner{}
	s := New("x", func() (*tfschema.Provider, error) { return testProvider(), nil }).WithPlanner(planner)
	schema, _ := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if !planner.adjusted || schema.ResourceSchemas["x_thing"].Version != 2 {
		t.Fatal("the planner must adjust the served schema")
	}
	typ := schema.ResourceSchemas["x_thing"].ValueType()

	up, err := s.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
		TypeName: "x_thing", Version: 2,
		RawState: &tfprotov6.RawState{JSON: []byte(`{"name":"old","arn":"arn:x","future_attribute":1}`)},
	})
	if err != nil || len(up.Diagnostics) != 0 {
		t.Fatalf("UpgradeResourceState: %v %v", err, up.Diagnostics)
	}
	prior, err := up.UpgradedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	_ = prior.As(&attrs)
	if !attrs["name"].Equal(tftypes.NewValue(tftypes.String, "old")) || !attrs["ports"].IsNull() {
		t.Errorf("upgraded state = %v", prior)
	}
	if wrong, _ := s.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: "x_thing", Version: 1, RawState: &tfprotov6.RawState{JSON: []byte(`{}`)}}); len(wrong.Diagnostics) != 1 {
		t.Errorf("a state at another schema version must be refused")
	}

	attrs["name"] = tftypes.NewValue(tftypes.String, "new")
	config := tftypes.NewValue(typ, attrs)
	dv := func(v tftypes.Value) *tfprotov6.DynamicValue {
		d, err := tfprotov6.NewDynamicValue(typ, v)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	plan, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "x_thing", PriorState: up.UpgradedState, Config: dv(config), ProposedNewState: dv(config)})
	if err != nil || len(plan.Diagnostics) != 0 {
		t.Fatalf("PlanResourceChange: %v %v", err, plan.Diagnostics)
	}
	if len(plan.RequiresReplace) != 1 || plan.RequiresReplace[0].String() != `AttributeName("name")` {
		t.Errorf("RequiresReplace = %v", plan.RequiresReplace)
	}

	other, _ := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "x_other"})
	if len(other.Diagnostics) != 1 || other.Diagnostics[0].Summary != "Schema-only provider" {
		t.Errorf("a type the planner does not handle must stay schema-only, got %v", other.Diagnostics)
	}
}
