/*
 * ResumeGroup's pretend transfer and its notifications, exactly as the
 * comment at the top of group.c lays them out. No network: the files of
 * the group's job are complete as soon as the group is resumed, and the
 * callbacks tell the client so, one file at a time.
 */
#include "qmgr_model.h"

static void put_le32(BYTE *p, DWORD value)
{
    p[0] = value & 0xff;
    p[1] = (value >> 8) & 0xff;
    p[2] = (value >> 16) & 0xff;
    p[3] = value >> 24;
}

/* Outside the lock: each call goes to the client's apartment and may come back. */
static void notify(IBackgroundCopyCallback1 *callback, IBackgroundCopyGroup *group, IBackgroundCopyJob1 *job,
                   DWORD flags, const DWORD *sizes, ULONG count)
{
    DWORD total = 0, done = 0;
    ULONG i;

    for (i = 0; i < count; i++) total += sizes[i];
    for (i = 0; i < count; i++)
    {
        done += sizes[i];
        if (flags & QM_NOTIFY_USE_PROGRESSEX)
        {
            BYTE bytes[8];
            put_le32(bytes, done);
            put_le32(bytes + 4, total);
            IBackgroundCopyCallback1_OnProgressEx(callback, QM_PROGRESS_SIZE_DONE, group, job, i, done,
                                                  sizeof(bytes), bytes);
        }
        else
        {
            DWORD percent = total ? (DWORD)((ULONGLONG)done * 100 / total) : 100;
            IBackgroundCopyCallback1_OnProgress(callback, QM_PROGRESS_PERCENT_DONE, group, job, i, percent);
        }
        if (flags & QM_NOTIFY_FILE_DONE)
            IBackgroundCopyCallback1_OnStatus(callback, group, job, i, QM_STATUS_FILE_COMPLETE, 0, 0, 0);
    }
    if (flags & QM_NOTIFY_JOB_DONE)
        IBackgroundCopyCallback1_OnStatus(callback, group, job, ~0u, QM_STATUS_JOB_COMPLETE, 0, 0, 0);
    if (flags & QM_NOTIFY_GROUP_DONE)
        IBackgroundCopyCallback1_OnStatus(callback, group, NULL, ~0u, QM_STATUS_GROUP_COMPLETE, 0, 0, 0);
}

HRESULT group_transfer(struct group *group)
{
    IBackgroundCopyCallback1 *callback = NULL;
    struct job1 *job;
    DWORD flags, *sizes;
    ULONG count, i;

    qmgr_lock();
    if (group->state == GROUP_CANCELLED)
    {
        qmgr_unlock();
        return QM_E_INVALID_STATE;
    }
    if (group->state == GROUP_COMPLETE)    /* done already: nothing left to do */
    {
        qmgr_unlock();
        return S_OK;
    }
    if (!(job = group->job) || !job->file_count)
    {
        group->state = GROUP_RUNNING;
        qmgr_unlock();
        return S_OK;
    }
    count = job->file_count;
    if (!(sizes = HeapAlloc(GetProcessHeap(), 0, count * sizeof(*sizes))))
    {
        qmgr_unlock();
        return E_OUTOFMEMORY;
    }
    for (i = 0; i < count; i++) sizes[i] = job->files[i].size;
    job->complete = TRUE;
    group->state = GROUP_COMPLETE;
    flags = group_props_notify_flags(&group->props);
    if (group->callback && !(flags & QM_NOTIFY_DISABLE_NOTIFY))
    {
        callback = group->callback;
        IBackgroundCopyCallback1_AddRef(callback);
    }
    IBackgroundCopyJob1_AddRef(&job->IBackgroundCopyJob1_iface);
    qmgr_unlock();

    if (callback)
    {
        notify(callback, &group->IBackgroundCopyGroup_iface, &job->IBackgroundCopyJob1_iface, flags, sizes, count);
        IBackgroundCopyCallback1_Release(callback);
    }
    IBackgroundCopyJob1_Release(&job->IBackgroundCopyJob1_iface);
    HeapFree(GetProcessHeap(), 0, sizes);
    return S_OK;
}
