"use strict";
function exampleThingRuleToHclTerraform(struct) {
    const attrs = {
        name: {
            value: cdktf.stringToHclTerraform(struct.name),
            isBlock: false,
            type: "simple",
            storageClassType: "string",
        },
        ports: {
            value: cdktf.listMapperHcl(cdktf.numberToHclTerraform, false)(struct.ports),
            isBlock: false,
            type: "set",
            storageClassType: "numberList",
        },
    };
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}
class ExampleThingRuleOutputReference extends cdktf.ComplexObject {
    get name() {
        return this.getStringAttribute('name');
    }
    set name(value) {
        this._name = value;
    }
    get ports() {
        return cdktf.Token.asNumberList(cdktf.Fn.tolist(this.getNumberListAttribute('ports')));
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
            value: cdktf.stringToHclTerraform(struct.cidr),
            isBlock: false,
            type: "simple",
            storageClassType: "string",
        },
    };
    return attrs;
}
class ExampleThingEndpointsOutputReference extends cdktf.ComplexObject {
    get address() {
        return this.getStringAttribute('address');
    }
    get port() {
        return this.getNumberAttribute('port');
    }
}
class ExampleThingEndpointsList extends cdktf.ComplexList {
    get(index) {
        return new ExampleThingEndpointsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
    }
}
class ExampleThing extends cdktf.TerraformResource {
    constructor(scope, id, config) {
        super(scope, id, {});
        this._endpoints = new ExampleThingEndpointsList(this, "endpoints", false);
        this._rule = new ExampleThingRuleOutputReference(this, "rule");
        this._rules = new index_structs_1.ExampleThingRulesList(this, "rules", true);
        this._ingress = new ExampleThingIngressList(this, "ingress", true);
    }
    get arn() {
        return this.getStringAttribute('arn');
    }
    get endpoints() {
        return this._endpoints;
    }
    get zones() {
        return cdktf.Fn.tolist(this.getListAttribute('zones'));
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
                value: cdktf.stringToHclTerraform(this._id),
                isBlock: false,
                type: "simple",
                storageClassType: "string",
            },
            name: {
                value: cdktf.stringToHclTerraform(this._name),
                isBlock: false,
                type: "simple",
                storageClassType: "string",
            },
            tags: {
                value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._tags),
                isBlock: false,
                type: "map",
                storageClassType: "stringMap",
            },
            values: {
                value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._values),
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
                value: cdktf.listMapperHcl(index_structs_1.exampleThingRuleToHclTerraform, true)(this._rules.internalValue),
                isBlock: true,
                type: "set",
                storageClassType: "ExampleThingRulesList",
            },
            ingress: {
                value: cdktf.listMapperHcl(exampleThingIngressToHclTerraform, false)(this._ingress.internalValue),
                isBlock: true,
                type: "set",
                storageClassType: "ExampleThingIngressList",
            },
        };
        return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
    }
}
ExampleThing.tfResourceType = "example_thing";
