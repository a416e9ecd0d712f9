// thing.js as CDK Terrain (@cdktn) generates it: the runtime module is
// cdktn, the resource type and the constructed attributes are class fields.
"use strict";
function exampleThingRuleToHclTerraform(struct) {
    const attrs = {
        name: {
            value: cdktn.stringToHclTerraform(struct.name),
            isBlock: false,
            type: "simple",
            storageClassType: "string",
        },
        ports: {
            value: cdktn.listMapperHcl(cdktn.numberToHclTerraform, false)(struct.ports),
            isBlock: false,
            type: "set",
            storageClassType: "numberList",
        },
    };
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}
class ExampleThingRuleOutputReference extends cdktn.ComplexObject {
    get name() {
        return this.getStringAttribute('name');
    }
    set name(value) {
        this._name = value;
    }
    get ports() {
        return cdktn.Token.asNumberList(cdktn.Fn.tolist(this.getNumberListAttribute('ports')));
    }
    set ports(value) {
        this._ports = value;
    }
    resetPorts() {
        this._ports = undefined;
    }
    get status() {
        return this.getStringAttribute('status');
    }
}
function exampleThingIngressToHclTerraform(struct) {
    const attrs = {
        cidr: {
            value: cdktn.stringToHclTerraform(struct.cidr),
            isBlock: false,
            type: "simple",
            storageClassType: "string",
        },
    };
    return attrs;
}
class ExampleThingEndpointsOutputReference extends cdktn.ComplexObject {
    get address() {
        return this.getStringAttribute('address');
    }
    get port() {
        return this.getNumberAttribute('port');
    }
}
class ExampleThingEndpointsList extends cdktn.ComplexList {
    get(index) {
        return new ExampleThingEndpointsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
    }
}
class ExampleThing extends cdktn.TerraformResource {
    static tfResourceType = "example_thing";
    _endpoints = new ExampleThingEndpointsList(this, "endpoints", false);
    _rule = new ExampleThingRuleOutputReference(this, "rule");
    _rules = new index_structs_1.ExampleThingRulesList(this, "rules", true);
    _ingress = new ExampleThingIngressList(this, "ingress", true);
    constructor(scope, id, config) {
        super(scope, id, {});
    }
    get arn() {
        return this.getStringAttribute('arn');
    }
    get endpoints() {
        return this._endpoints;
    }
    get zones() {
        return cdktn.Fn.tolist(this.getListAttribute('zones'));
    }
    get id() {
        return this.getStringAttribute('id');
    }
    set id(value) {
        this._id = value;
    }
    resetId() {
        this._id = undefined;
    }
    get values() {
        return this.getListAttribute('values');
    }
    set values(value) {
        this._values = value;
    }
    resetTfValues() {
        this._values = undefined;
    }
    get name() {
        return this.getStringAttribute('name');
    }
    set name(value) {
        this._name = value;
    }
    get tags() {
        return this.getStringMapAttribute('tags');
    }
    set tags(value) {
        this._tags = value;
    }
    resetTags() {
        this._tags = undefined;
    }
    get rule() {
        return this._rule;
    }
    putRule(value) {
        this._rule.internalValue = value;
    }
    get rules() {
        return this._rules;
    }
    putRules(value) {
        this._rules.internalValue = value;
    }
    resetRules() {
        this._rules.internalValue = undefined;
    }
    get ingress() {
        return this._ingress;
    }
    putIngress(value) {
        this._ingress.internalValue = value;
    }
    resetIngress() {
        this._ingress.internalValue = undefined;
    }
    synthesizeHclAttributes() {
        const attrs = {
            id: {
                value: cdktn.stringToHclTerraform(this._id),
                isBlock: false,
                type: "simple",
                storageClassType: "string",
            },
            name: {
                value: cdktn.stringToHclTerraform(this._name),
                isBlock: false,
                type: "simple",
                storageClassType: "string",
            },
            tags: {
                value: cdktn.hashMapperHcl(cdktn.stringToHclTerraform)(this._tags),
                isBlock: false,
                type: "map",
                storageClassType: "stringMap",
            },
            values: {
                value: cdktn.listMapperHcl(cdktn.stringToHclTerraform, false)(this._values),
                isBlock: false,
                type: "list",
                storageClassType: "stringList",
            },
            rule: {
                value: exampleThingRuleToHclTerraform(this._rule.internalValue),
                isBlock: true,
                type: "list",
                storageClassType: "ExampleThingRuleList",
            },
            rules: {
                value: cdktn.listMapperHcl(index_structs_1.exampleThingRuleToHclTerraform, true)(this._rules.internalValue),
                isBlock: true,
                type: "set",
                storageClassType: "ExampleThingRulesList",
            },
            ingress: {
                value: cdktn.listMapperHcl(exampleThingIngressToHclTerraform, false)(this._ingress.internalValue),
                isBlock: true,
                type: "set",
                storageClassType: "ExampleThingIngressList",
            },
        };
        return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
    }
}
