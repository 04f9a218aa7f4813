/* The parameter kinds of every method (see method_signatures.h), written
 * from the SDK IDL files bits.idl ... bits10_3.idl and qmgr.idl. */
#include <string.h>
#include "method_signatures.h"

#define ENUMERATOR(iface) \
    { iface, "Next", 3, "v:celt o:rgelt u:pceltFetched" }, \
    { iface, "Skip", 4, "v:celt" }, \
    { iface, "Reset", 5, "" }, \
    { iface, "Clone", 6, "o:ppenum" }, \
    { iface, "GetCount", 7, "o:puCount" }
/* the legacy enumerators return GUIDs and have an [out] pceltFetched */
#define GUID_ENUMERATOR(iface) \
    { iface, "Next", 3, "v:celt o:rgelt o:pceltFetched" }, \
    { iface, "Skip", 4, "v:celt" }, \
    { iface, "Reset", 5, "" }, \
    { iface, "Clone", 6, "o:ppenum" }, \
    { iface, "GetCount", 7, "o:puCount" }

const struct method_signature method_signatures[] =
{
    /* bits.idl */
    { "IBackgroundCopyFile", "GetRemoteName", 3, "o:pVal" },
    { "IBackgroundCopyFile", "GetLocalName", 4, "o:pVal" },
    { "IBackgroundCopyFile", "GetProgress", 5, "o:pVal" },
    ENUMERATOR("IEnumBackgroundCopyFiles"),
    { "IBackgroundCopyError", "GetError", 3, "o:pContext o:pCode" },
    { "IBackgroundCopyError", "GetFile", 4, "o:pVal" },
    { "IBackgroundCopyError", "GetErrorDescription", 5, "v:LanguageId o:pErrorDescription" },
    { "IBackgroundCopyError", "GetErrorContextDescription", 6, "v:LanguageId o:pContextDescription" },
    { "IBackgroundCopyError", "GetProtocol", 7, "o:pProtocol" },
    { "IBackgroundCopyJob", "AddFileSet", 3, "v:cFileCount a:pFileSet" },
    { "IBackgroundCopyJob", "AddFile", 4, "s:RemoteUrl s:LocalName" },
    { "IBackgroundCopyJob", "EnumFiles", 5, "o:pEnum" },
    { "IBackgroundCopyJob", "Suspend", 6, "" },
    { "IBackgroundCopyJob", "Resume", 7, "" },
    { "IBackgroundCopyJob", "Cancel", 8, "" },
    { "IBackgroundCopyJob", "Complete", 9, "" },
    { "IBackgroundCopyJob", "GetId", 10, "o:pVal" },
    { "IBackgroundCopyJob", "GetType", 11, "o:pVal" },
    { "IBackgroundCopyJob", "GetProgress", 12, "o:pVal" },
    { "IBackgroundCopyJob", "GetTimes", 13, "o:pVal" },
    { "IBackgroundCopyJob", "GetState", 14, "o:pVal" },
    { "IBackgroundCopyJob", "GetError", 15, "o:ppError" },
    { "IBackgroundCopyJob", "GetOwner", 16, "o:pVal" },
    { "IBackgroundCopyJob", "SetDisplayName", 17, "s:Val" },
    { "IBackgroundCopyJob", "GetDisplayName", 18, "o:pVal" },
    { "IBackgroundCopyJob", "SetDescription", 19, "s:Val" },
    { "IBackgroundCopyJob", "GetDescription", 20, "o:pVal" },
    { "IBackgroundCopyJob", "SetPriority", 21, "v:Val" },
    { "IBackgroundCopyJob", "GetPriority", 22, "o:pVal" },
    { "IBackgroundCopyJob", "SetNotifyFlags", 23, "v:Val" },
    { "IBackgroundCopyJob", "GetNotifyFlags", 24, "o:pVal" },
    { "IBackgroundCopyJob", "SetNotifyInterface", 25, "p:Val" },
    { "IBackgroundCopyJob", "GetNotifyInterface", 26, "o:pVal" },
    { "IBackgroundCopyJob", "SetMinimumRetryDelay", 27, "v:Seconds" },
    { "IBackgroundCopyJob", "GetMinimumRetryDelay", 28, "o:Seconds" },
    { "IBackgroundCopyJob", "SetNoProgressTimeout", 29, "v:Seconds" },
    { "IBackgroundCopyJob", "GetNoProgressTimeout", 30, "o:Seconds" },
    { "IBackgroundCopyJob", "GetErrorCount", 31, "o:Errors" },
    { "IBackgroundCopyJob", "SetProxySettings", 32, "v:ProxyUsage u:ProxyList u:ProxyBypassList" },
    { "IBackgroundCopyJob", "GetProxySettings", 33, "o:pProxyUsage o:pProxyList o:pProxyBypassList" },
    { "IBackgroundCopyJob", "TakeOwnership", 34, "" },
    ENUMERATOR("IEnumBackgroundCopyJobs"),
    { "IBackgroundCopyCallback", "JobTransferred", 3, "p:pJob" },
    { "IBackgroundCopyCallback", "JobError", 4, "p:pJob p:pError" },
    { "IBackgroundCopyCallback", "JobModification", 5, "p:pJob v:dwReserved" },
    { "IBackgroundCopyManager", "CreateJob", 3, "s:DisplayName v:Type o:pJobId o:ppJob" },
    { "IBackgroundCopyManager", "GetJob", 4, "g:jobID o:ppJob" },
    { "IBackgroundCopyManager", "EnumJobs", 5, "v:dwFlags o:ppEnum" },
    { "IBackgroundCopyManager", "GetErrorDescription", 6, "v:hResult v:LanguageId o:pErrorDescription" },
    /* qmgr.idl */
    { "IBackgroundCopyJob1", "CancelJob", 3, "" },
    { "IBackgroundCopyJob1", "GetProgress", 4, "v:dwFlags o:pdwProgress" },
    { "IBackgroundCopyJob1", "GetStatus", 5, "o:pdwStatus o:pdwWin32Result o:pdwTransportResult o:pdwNumOfRetries" },
    { "IBackgroundCopyJob1", "AddFiles", 6, "v:cFileCount a:ppFileSet" },
    { "IBackgroundCopyJob1", "GetFile", 7, "v:cFileIndex o:pFileInfo" },
    { "IBackgroundCopyJob1", "GetFileCount", 8, "o:pdwFileCount" },
    { "IBackgroundCopyJob1", "SwitchToForeground", 9, "" },
    { "IBackgroundCopyJob1", "get_JobID", 10, "o:pguidJobID" },
    GUID_ENUMERATOR("IEnumBackgroundCopyJobs1"),
    { "IBackgroundCopyGroup", "GetProp", 3, "v:propID o:pvarVal" },
    { "IBackgroundCopyGroup", "SetProp", 4, "v:propID r:pvarVal" },
    { "IBackgroundCopyGroup", "GetProgress", 5, "v:dwFlags o:pdwProgress" },
    { "IBackgroundCopyGroup", "GetStatus", 6, "o:pdwStatus o:pdwJobIndex" },
    { "IBackgroundCopyGroup", "GetJob", 7, "G:jobID o:ppJob" },
    { "IBackgroundCopyGroup", "SuspendGroup", 8, "" },
    { "IBackgroundCopyGroup", "ResumeGroup", 9, "" },
    { "IBackgroundCopyGroup", "CancelGroup", 10, "" },
    { "IBackgroundCopyGroup", "get_Size", 11, "o:pdwSize" },
    { "IBackgroundCopyGroup", "get_GroupID", 12, "o:pguidGroupID" },
    { "IBackgroundCopyGroup", "CreateJob", 13, "G:guidJobID o:ppJob" },
    { "IBackgroundCopyGroup", "EnumJobs", 14, "v:dwFlags o:ppEnumJobs" },
    { "IBackgroundCopyGroup", "SwitchToForeground", 15, "" },
    { "IBackgroundCopyGroup", "QueryNewJobInterface", 16, "g:iid o:pUnk" },
    { "IBackgroundCopyGroup", "SetNotificationPointer", 17, "g:iid p:pUnk" },
    GUID_ENUMERATOR("IEnumBackgroundCopyGroups"),
    { "IBackgroundCopyCallback1", "OnStatus", 3,
      "p:pGroup p:pJob v:dwFileIndex v:dwStatus v:dwNumOfRetries v:dwWin32Result v:dwTransportResult" },
    { "IBackgroundCopyCallback1", "OnProgress", 4, "v:ProgressType p:pGroup p:pJob v:dwFileIndex v:dwProgressValue" },
    { "IBackgroundCopyCallback1", "OnProgressEx", 5,
      "v:ProgressType p:pGroup p:pJob v:dwFileIndex v:dwProgressValue v:dwByteArraySize a:pByte" },
    { "IBackgroundCopyQMgr", "CreateGroup", 3, "G:guidGroupID o:ppGroup" },
    { "IBackgroundCopyQMgr", "GetGroup", 4, "G:groupID o:ppGroup" },
    { "IBackgroundCopyQMgr", "EnumGroups", 5, "v:dwFlags o:ppEnumGroups" },
    /* bits1_5.idl */
    { "IBackgroundCopyJob2", "SetNotifyCmdLine", 35, "u:Program u:Parameters" },
    { "IBackgroundCopyJob2", "GetNotifyCmdLine", 36, "o:pProgram o:pParameters" },
    { "IBackgroundCopyJob2", "GetReplyProgress", 37, "r:pProgress" },
    { "IBackgroundCopyJob2", "GetReplyData", 38, "o:ppBuffer u:pLength" },
    { "IBackgroundCopyJob2", "SetReplyFileName", 39, "u:ReplyFileName" },
    { "IBackgroundCopyJob2", "GetReplyFileName", 40, "o:pReplyFileName" },
    { "IBackgroundCopyJob2", "SetCredentials", 41, "r:credentials" },
    { "IBackgroundCopyJob2", "RemoveCredentials", 42, "v:Target v:Scheme" },
    /* bits2_0.idl */
    { "IBackgroundCopyJob3", "ReplaceRemotePrefix", 43, "s:OldPrefix s:NewPrefix" },
    { "IBackgroundCopyJob3", "AddFileWithRanges", 44, "s:RemoteUrl s:LocalName v:RangeCount a:Ranges" },
    { "IBackgroundCopyJob3", "SetFileACLFlags", 45, "v:Flags" },
    { "IBackgroundCopyJob3", "GetFileACLFlags", 46, "o:Flags" },
    { "IBackgroundCopyFile2", "GetFileRanges", 6, "u:RangeCount o:Ranges" },
    { "IBackgroundCopyFile2", "SetRemoteName", 7, "s:Val" },
    /* bits2_5.idl */
    { "IBackgroundCopyJobHttpOptions", "SetClientCertificateByID", 3, "v:StoreLocation s:StoreName a:pCertHashBlob" },
    { "IBackgroundCopyJobHttpOptions", "SetClientCertificateByName", 4, "v:StoreLocation s:StoreName s:SubjectName" },
    { "IBackgroundCopyJobHttpOptions", "RemoveClientCertificate", 5, "" },
    { "IBackgroundCopyJobHttpOptions", "GetClientCertificate", 6,
      "o:pStoreLocation o:pStoreName o:ppCertHashBlob o:pSubjectName" },
    { "IBackgroundCopyJobHttpOptions", "SetCustomHeaders", 7, "u:RequestHeaders" },
    { "IBackgroundCopyJobHttpOptions", "GetCustomHeaders", 8, "o:pRequestHeaders" },
    { "IBackgroundCopyJobHttpOptions", "SetSecurityFlags", 9, "v:Flags" },
    { "IBackgroundCopyJobHttpOptions", "GetSecurityFlags", 10, "o:pFlags" },
    /* bits3_0.idl */
    { "IBitsPeerCacheRecord", "GetId", 3, "o:pVal" },
    { "IBitsPeerCacheRecord", "GetOriginUrl", 4, "o:pVal" },
    { "IBitsPeerCacheRecord", "GetFileSize", 5, "o:pVal" },
    { "IBitsPeerCacheRecord", "GetFileModificationTime", 6, "o:pVal" },
    { "IBitsPeerCacheRecord", "GetLastAccessTime", 7, "o:pVal" },
    { "IBitsPeerCacheRecord", "IsFileValidated", 8, "" },
    { "IBitsPeerCacheRecord", "GetFileRanges", 9, "o:pRangeCount o:ppRanges" },
    ENUMERATOR("IEnumBitsPeerCacheRecords"),
    { "IBitsPeer", "GetPeerName", 3, "o:pName" },
    { "IBitsPeer", "IsAuthenticated", 4, "o:pAuth" },
    { "IBitsPeer", "IsAvailable", 5, "o:pOnline" },
    ENUMERATOR("IEnumBitsPeers"),
    { "IBitsPeerCacheAdministration", "GetMaximumCacheSize", 3, "o:pBytes" },
    { "IBitsPeerCacheAdministration", "SetMaximumCacheSize", 4, "v:Bytes" },
    { "IBitsPeerCacheAdministration", "GetMaximumContentAge", 5, "o:pSeconds" },
    { "IBitsPeerCacheAdministration", "SetMaximumContentAge", 6, "v:Seconds" },
    { "IBitsPeerCacheAdministration", "GetConfigurationFlags", 7, "o:pFlags" },
    { "IBitsPeerCacheAdministration", "SetConfigurationFlags", 8, "v:Flags" },
    { "IBitsPeerCacheAdministration", "EnumRecords", 9, "o:ppEnum" },
    { "IBitsPeerCacheAdministration", "GetRecord", 10, "g:id o:ppRecord" },
    { "IBitsPeerCacheAdministration", "ClearRecords", 11, "" },
    { "IBitsPeerCacheAdministration", "DeleteRecord", 12, "g:id" },
    { "IBitsPeerCacheAdministration", "DeleteUrl", 13, "s:url" },
    { "IBitsPeerCacheAdministration", "EnumPeers", 14, "o:ppEnum" },
    { "IBitsPeerCacheAdministration", "ClearPeers", 15, "" },
    { "IBitsPeerCacheAdministration", "DiscoverPeers", 16, "" },
    { "IBackgroundCopyJob4", "SetPeerCachingFlags", 47, "v:Flags" },
    { "IBackgroundCopyJob4", "GetPeerCachingFlags", 48, "o:pFlags" },
    { "IBackgroundCopyJob4", "GetOwnerIntegrityLevel", 49, "o:pLevel" },
    { "IBackgroundCopyJob4", "GetOwnerElevationState", 50, "o:pElevated" },
    { "IBackgroundCopyJob4", "SetMaximumDownloadTime", 51, "v:Timeout" },
    { "IBackgroundCopyJob4", "GetMaximumDownloadTime", 52, "o:pTimeout" },
    { "IBackgroundCopyFile3", "GetTemporaryName", 8, "o:pFilename" },
    { "IBackgroundCopyFile3", "SetValidationState", 9, "v:state" },
    { "IBackgroundCopyFile3", "GetValidationState", 10, "o:pState" },
    { "IBackgroundCopyFile3", "IsDownloadedFromPeer", 11, "o:pVal" },
    { "IBackgroundCopyCallback2", "FileTransferred", 6, "p:pJob p:pFile" },
    /* bits4_0.idl */
    { "IBitsTokenOptions", "SetHelperTokenFlags", 3, "v:UsageFlags" },
    { "IBitsTokenOptions", "GetHelperTokenFlags", 4, "o:pFlags" },
    { "IBitsTokenOptions", "SetHelperToken", 5, "" },
    { "IBitsTokenOptions", "ClearHelperToken", 6, "" },
    { "IBitsTokenOptions", "GetHelperTokenSid", 7, "o:pSid" },
    { "IBackgroundCopyFile4", "GetPeerDownloadStats", 12, "o:pFromOrigin o:pFromPeers" },
    /* bits5_0.idl */
    { "IBackgroundCopyJob5", "SetProperty", 53, "v:PropertyId x:PropertyValue" },
    { "IBackgroundCopyJob5", "GetProperty", 54, "v:PropertyId o:PropertyValue" },
    { "IBackgroundCopyFile5", "SetProperty", 13, "v:PropertyId y:PropertyValue" },
    { "IBackgroundCopyFile5", "GetProperty", 14, "v:PropertyId o:PropertyValue" },
    /* bits10_1.idl, bits10_2.idl, bits10_3.idl */
    { "IBackgroundCopyCallback3", "FileRangesTransferred", 7, "p:job p:file v:rangeCount a:ranges" },
    { "IBackgroundCopyFile6", "UpdateDownloadPosition", 15, "v:offset" },
    { "IBackgroundCopyFile6", "RequestFileRanges", 16, "v:rangeCount a:ranges" },
    { "IBackgroundCopyFile6", "GetFilledFileRanges", 17, "o:rangeCount o:ranges" },
    { "IBackgroundCopyJobHttpOptions2", "SetHttpMethod", 11, "s:method" },
    { "IBackgroundCopyJobHttpOptions2", "GetHttpMethod", 12, "o:method" },
    { "IBackgroundCopyServerCertificateValidationCallback", "ValidateServerCertificate", 3,
      "p:job p:file v:certLength a:certData v:certEncodingType v:certStoreLength a:certStoreData" },
    { "IBackgroundCopyJobHttpOptions3", "SetServerCertificateValidationInterface", 13, "p:certValidationCallback" },
    { "IBackgroundCopyJobHttpOptions3", "MakeCustomHeadersWriteOnly", 14, "" },
};
const unsigned int method_signature_count = sizeof(method_signatures) / sizeof(method_signatures[0]);

const struct method_signature *method_signature_find(const char *iface, const char *method)
{
    unsigned int i;
    for (i = 0; i < method_signature_count; i++)
        if (!strcmp(method_signatures[i].iface, iface) && !strcmp(method_signatures[i].method, method))
            return &method_signatures[i];
    return NULL;
}
