/*
 * The legacy BITS 1.0 QMgr model (qmgr.c, group*.c, job1.c): what its
 * files share; its enumerators come from server_guid_enum_create (enum.c).
 * Not part of server.h: only server_qmgr_create() is public.
 *
 * Ownership: the QMgr holds a reference to each group in its queue, a group
 * to its job (a group has at most one, as documented). The back pointers,
 * group->qmgr and job->group, hold none; whoever drops the forward
 * reference clears them, under the model's lock. Every field that can
 * change after creation is read and written under that one lock, because
 * in the MTA configurations the objects' methods run on several threads.
 */
#ifndef QMGRPRXY_QMGR_MODEL_H
#define QMGRPRXY_QMGR_MODEL_H

#include "server.h"

/* The model's lock: an SRW lock, not recursive. Never held across a call
 * that can leave the apartment (callbacks, other areas' objects). */
void qmgr_lock(void);
void qmgr_unlock(void);

struct qmgr;
struct group;

enum group_state
{
    GROUP_SUSPENDED,    /* new, or suspended; jobs and files can be added */
    GROUP_RUNNING,      /* resumed with nothing to transfer */
    GROUP_COMPLETE,     /* transferred (and suspended again, as documented) */
    GROUP_CANCELLED,    /* out of the queue; only get_GroupID still answers */
};

/* One file of a legacy job. size is FILESETINFO.dwSizeHint, which the
 * model takes as the file's size (the service ignores it). */
struct job1_file
{
    BSTR remote;
    BSTR local;
    DWORD size;
};

struct job1
{
    IBackgroundCopyJob1 IBackgroundCopyJob1_iface;
    LONG ref;
    GUID id;
    struct group *group;        /* weak; NULL once cancelled or dropped */
    BOOL cancelled;
    BOOL complete;
    struct job1_file *files;
    ULONG file_count, file_capacity;
};

HRESULT job1_create(const GUID *id, struct group *group, struct job1 **out);
/* Under the lock: the job leaves its group (cancel, group gone). */
void job1_detach(struct job1 *job);
/* Under the lock: sum of the files' sizes. */
DWORD job1_total_size(const struct job1 *job);

/* Group properties (group_props.c): each kept as the VARIANT it was set
 * with, after checking its type and value against the documentation. */
struct group_props
{
    VARIANT values[GROUPPROP_DESCRIPTION + 1];
};
void group_props_init(struct group_props *props);
void group_props_clear(struct group_props *props);
HRESULT group_props_get(const struct group_props *props, GROUPPROP id, VARIANT *value);
HRESULT group_props_set(struct group_props *props, GROUPPROP id, const VARIANT *value);
DWORD group_props_notify_flags(const struct group_props *props);
const WCHAR *group_props_display_name(const struct group_props *props);

struct group
{
    IBackgroundCopyGroup IBackgroundCopyGroup_iface;
    LONG ref;
    GUID id;
    struct qmgr *qmgr;                  /* weak; NULL once out of the queue */
    enum group_state state;
    BOOL foreground;
    struct job1 *job;                   /* at most one */
    struct group_props props;
    IBackgroundCopyCallback1 *callback; /* SetNotificationPointer */
    IBackgroundCopyJob *bits_job;       /* QueryNewJobInterface, made on demand */
};

HRESULT group_create(const GUID *id, struct qmgr *qmgr, struct group **out);
/* Under the lock: the QMgr is going away. */
void group_detach_from_qmgr(struct group *group);
/* Under the lock (qmgr.c): the group leaves its QMgr's queue; returns the
 * queue's reference for the caller to release after unlocking. */
struct group *qmgr_remove_group(struct qmgr *qmgr, struct group *group);
/* ResumeGroup's pretend transfer (group_transfer.c). */
HRESULT group_transfer(struct group *group);

#endif
