#pragma once
// AWS::DynamoDB::Table: manifest shape <-> DynamoDB JSON, and the plan of
// UpdateTable calls for a delta. Pure functions, unit tested without DynamoDB.
#include <string>
#include <vector>

#include "providers/provider.h"

namespace driftless::dynamodb {

// The CreateTable request for manifest properties plus the full tag set.
Value createTableRequest(const Properties& props, const Value::Object& tags);

// DescribeTable's "Table" in manifest shape (the properties DescribeTable
// covers; TTL, PITR and tags come from their own calls).
Properties fromDescription(const Value& table);

// "" when the table and all its indexes are ACTIVE, else the transitional status.
std::string statusOf(const Value& table);

// Manifest properties normalised for comparison: lists that are sets sorted,
// values AWS does not keep for a disabled setting dropped.
Properties normalise(const Properties& props);

// The UpdateTable requests (without TableName) that take the live table to the
// desired one, in order, one change each as DynamoDB requires (one GSI create
// or delete per call). TTL, PITR and tags are separate APIs, not listed here.
std::vector<Value> updateTableSteps(const Properties& desired, const Properties& live,
                                    const Delta& delta);

}  // namespace driftless::dynamodb
