#pragma once
// Manifest shape (CloudFormation) <-> S3 REST XML for the bucket
// sub-configurations. Pure functions, so they are unit tested without S3.
#include <string>

#include <pugixml.hpp>

#include "providers/value.h"

namespace driftless::s3 {

std::string versioningXml(const Value& versioningConfiguration);
Value parseVersioning(pugi::xml_node root);  // {} when never enabled

std::string encryptionXml(const Value& bucketEncryption);
Value parseEncryption(pugi::xml_node root);

std::string publicAccessBlockXml(const Value& config);
Value parsePublicAccessBlock(pugi::xml_node root);

std::string lifecycleXml(const Value& lifecycleConfiguration);
Value parseLifecycle(pugi::xml_node root);

std::string ownershipControlsXml(const Value& ownershipControls);
Value parseOwnershipControls(pugi::xml_node root);
// LoggingConfiguration {DestinationBucketName, LogFilePrefix} ↔ BucketLoggingStatus.
std::string loggingXml(const Value& logging);
Value parseLogging(pugi::xml_node root);
// AccelerateConfiguration {AccelerationStatus} ↔ AccelerateConfiguration {Status}.
std::string accelerateXml(const Value& accelerate);
Value parseAccelerate(pugi::xml_node root);
// AbacStatus "Enabled" | "Disabled" ↔ AbacStatus {Status} (absent: Disabled,
// S3's default).
std::string abacXml(const Value& status);
Value parseAbac(pugi::xml_node root);
// ObjectLockConfiguration {ObjectLockEnabled, Rule: {DefaultRetention: {Mode, Days, Years}}}.
std::string objectLockXml(const Value& objectLock);
Value parseObjectLock(pugi::xml_node root);
// CorsConfiguration {CorsRules: [...]} ↔ CORSConfiguration.
std::string corsXml(const Value& cors);
Value parseCors(pugi::xml_node root);

// WebsiteConfiguration {IndexDocument, ErrorDocument, RedirectAllRequestsTo, RoutingRules}.
std::string websiteXml(const Value& website);
Value parseWebsite(pugi::xml_node root);
// NotificationConfiguration {Topic,Queue,LambdaConfigurations, EventBridgeConfiguration}; one
// event per CloudFormation configuration (S3 groups them; parsing splits them again).
std::string notificationXml(const Value& notification);
Value parseNotification(pugi::xml_node root);
// ReplicationConfiguration {Role, Rules: [{Id, Priority, Status, Prefix | Filter,
// DeleteMarkerReplication, Destination}]}.
std::string replicationXml(const Value& replication);
Value parseReplication(pugi::xml_node root);
// AccessControl: the canned ACL's x-amz-acl value ("PublicRead" → "public-read"), and the
// canned ACL an AccessControlPolicy's grants amount to.
std::string cannedAclHeader(const Value& accessControl);
Value parseAcl(pugi::xml_node root);

// One configuration of the Id-keyed bucket lists (InventoryConfigurations,
// MetricsConfigurations, AnalyticsConfigurations, IntelligentTieringConfigurations):
// the element S3 puts, gets and lists, in manifest shape.
std::string inventoryXml(const Value& inventoryConfiguration);
Value parseInventory(pugi::xml_node inventoryConfiguration);
std::string metricsXml(const Value& metricsConfiguration);
Value parseMetrics(pugi::xml_node metricsConfiguration);
std::string analyticsXml(const Value& analyticsConfiguration);
Value parseAnalytics(pugi::xml_node analyticsConfiguration);
std::string intelligentTieringXml(const Value& intelligentTieringConfiguration);
Value parseIntelligentTiering(pugi::xml_node intelligentTieringConfiguration);

std::string taggingXml(const Value::Object& tags);
Value parseTagging(pugi::xml_node root);  // [{Key, Value}]

std::string createBucketXml(const std::string& region);  // "" for us-east-1

}  // namespace driftless::s3
