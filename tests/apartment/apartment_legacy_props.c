/*
 * Apartment suite area "legacy": IBackgroundCopyGroup::GetProp and SetProp
 * (SetProp goes through the hand-written InternalSetProp glue). Each
 * property's VARIANT is compared by type and value, with the defaults and
 * bounds of server/group_props.c; a refused value leaves the property as
 * it was.
 */
#include <string.h>
#include "apartment_legacy.h"

static const char *const prop_names[] =
{
    "PRIORITY", "REMOTEUSERID", "REMOTEUSERPWD", "LOCALUSERID", "LOCALUSERPWD", "PROTOCOLFLAGS",
    "NOTIFYFLAGS", "NOTIFYCLSID", "PROGRESSSIZE", "PROGRESSPERCENT", "PROGRESSTIME", "DISPLAYNAME", "DESCRIPTION",
};

static const char *prop_name(GROUPPROP id)
{
    return (unsigned int)id < ARRAYSIZE(prop_names) ? prop_names[id] : "(no such property)";
}

static BOOL variants_equal(const VARIANT *a, const VARIANT *b)
{
    if (V_VT(a) != V_VT(b)) return FALSE;
    switch (V_VT(a))
    {
    case VT_EMPTY: return TRUE;
    case VT_I2:    return V_I2(a) == V_I2(b);
    case VT_UI2:   return V_UI2(a) == V_UI2(b);
    case VT_I4:    return V_I4(a) == V_I4(b);
    case VT_UI4:   return V_UI4(a) == V_UI4(b);
    case VT_INT:   return V_INT(a) == V_INT(b);
    case VT_UINT:  return V_UINT(a) == V_UINT(b);
    case VT_BSTR:
        return SysStringLen(V_BSTR(a)) == SysStringLen(V_BSTR(b))
            && !memcmp(V_BSTR(a), V_BSTR(b), SysStringLen(V_BSTR(a)) * sizeof(WCHAR));
    default:       return FALSE;
    }
}

static void describe(const VARIANT *v, char *buf, size_t size)
{
    if (V_VT(v) == VT_BSTR) snprintf(buf, size, "VT_BSTR \"%.60s\" (%u chars)", wstr(V_BSTR(v)), SysStringLen(V_BSTR(v)));
    else if (V_VT(v) == VT_EMPTY) snprintf(buf, size, "VT_EMPTY");
    else snprintf(buf, size, "vt %u value %ld", V_VT(v), V_VT(v) == VT_I2 ? V_I2(v) : V_VT(v) == VT_UI2 ? V_UI2(v) : V_I4(v));
}

/* ok() that GetProp answers `expected_hr` and exactly `expected`. */
static void expect_prop(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, GROUPPROP id, HRESULT expected_hr,
                        const VARIANT *expected, const char *what)
{
    char got_text[128], expected_text[128];
    VARIANT got;
    HRESULT hr;

    /* Not empty beforehand, so that VT_EMPTY afterwards means something. */
    VariantInit(&got);
    V_VT(&got) = VT_I4;
    V_I4(&got) = 0x5e471e1;
    hr = IBackgroundCopyGroup_GetProp(group, id, &got);
    describe(&got, got_text, sizeof(got_text));
    describe(expected, expected_text, sizeof(expected_text));
    ok(hr == expected_hr && variants_equal(&got, expected), "%s: GetProp(%s) %s: hr %#lx, %s (expected hr %#lx, %s)",
       ctx->config, prop_name(id), what, hr, got_text, expected_hr, expected_text);
    VariantClear(&got);
}

/* SetProp of `value`, expecting `expected_hr`; then GetProp must answer
 * `after` (the value itself if accepted, the previous one if refused). */
static void set_prop(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, GROUPPROP id, VARIANT *value,
                     HRESULT expected_hr, const VARIANT *after, const char *what)
{
    HRESULT hr = IBackgroundCopyGroup_SetProp(group, id, value);
    ok(hr == expected_hr, "%s: SetProp(%s) %s: hr %#lx, expected %#lx", ctx->config, prop_name(id), what, hr, expected_hr);
    expect_prop(ctx, group, id, S_OK, after, what);
}

static void test_defaults(const struct suite_ctx *ctx, IBackgroundCopyGroup *group)
{
    VARIANT v;

    legacy_int_variant(&v, VT_I4, 1);
    expect_prop(ctx, group, GROUPPROP_PRIORITY, S_OK, &v, "by default");
    legacy_int_variant(&v, VT_I4, QM_PROTOCOL_HTTP);
    expect_prop(ctx, group, GROUPPROP_PROTOCOLFLAGS, S_OK, &v, "by default");
    legacy_int_variant(&v, VT_I4, 0);
    expect_prop(ctx, group, GROUPPROP_NOTIFYFLAGS, S_OK, &v, "by default");
    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = SysAllocString(L"{00000000-0000-0000-0000-000000000000}");
    expect_prop(ctx, group, GROUPPROP_NOTIFYCLSID, S_OK, &v, "by default");
    VariantClear(&v);
    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = SysAllocString(L"");
    expect_prop(ctx, group, GROUPPROP_DISPLAYNAME, S_OK, &v, "by default");
    expect_prop(ctx, group, GROUPPROP_DESCRIPTION, S_OK, &v, "by default");
    VariantClear(&v);
}

static void test_integers(const struct suite_ctx *ctx, IBackgroundCopyGroup *group)
{
    VARIANT value, kept;

    /* Priority: 1 only, kept in the type it came in. */
    legacy_int_variant(&value, VT_UI2, 1);
    set_prop(ctx, group, GROUPPROP_PRIORITY, &value, S_OK, &value, "VT_UI2 1");
    legacy_int_variant(&kept, VT_UI2, 1);
    legacy_int_variant(&value, VT_I4, 2);
    set_prop(ctx, group, GROUPPROP_PRIORITY, &value, E_INVALIDARG, &kept, "VT_I4 2 (refused)");
    V_VT(&value) = VT_BSTR;
    V_BSTR(&value) = SysAllocString(L"1");
    set_prop(ctx, group, GROUPPROP_PRIORITY, &value, E_INVALIDARG, &kept, "VT_BSTR \"1\" (refused)");
    VariantClear(&value);
    legacy_int_variant(&value, VT_INT, 1);
    set_prop(ctx, group, GROUPPROP_PRIORITY, &value, S_OK, &value, "VT_INT 1");

    /* Protocol: QM_PROTOCOL_HTTP only. */
    legacy_int_variant(&value, VT_UINT, QM_PROTOCOL_HTTP);
    set_prop(ctx, group, GROUPPROP_PROTOCOLFLAGS, &value, S_OK, &value, "VT_UINT QM_PROTOCOL_HTTP");
    legacy_int_variant(&kept, VT_UINT, QM_PROTOCOL_HTTP);
    legacy_int_variant(&value, VT_I4, QM_PROTOCOL_FTP);
    set_prop(ctx, group, GROUPPROP_PROTOCOLFLAGS, &value, E_INVALIDARG, &kept, "VT_I4 QM_PROTOCOL_FTP (refused)");

    /* Notify flags: any QM_NOTIFY_* combination, nothing else. */
    legacy_int_variant(&value, VT_UI4, QM_NOTIFY_FILE_DONE | QM_NOTIFY_JOB_DONE | QM_NOTIFY_GROUP_DONE);
    set_prop(ctx, group, GROUPPROP_NOTIFYFLAGS, &value, S_OK, &value, "VT_UI4 FILE|JOB|GROUP_DONE");
    legacy_int_variant(&value, VT_I2, QM_NOTIFY_FILE_DONE | QM_NOTIFY_USE_PROGRESSEX);
    set_prop(ctx, group, GROUPPROP_NOTIFYFLAGS, &value, S_OK, &value, "VT_I2 FILE_DONE|USE_PROGRESSEX");
    legacy_int_variant(&kept, VT_I2, QM_NOTIFY_FILE_DONE | QM_NOTIFY_USE_PROGRESSEX);
    legacy_int_variant(&value, VT_I4, 0x100);
    set_prop(ctx, group, GROUPPROP_NOTIFYFLAGS, &value, E_INVALIDARG, &kept, "VT_I4 0x100 (refused)");
}

static void set_string(const struct suite_ctx *ctx, IBackgroundCopyGroup *group, GROUPPROP id, const WCHAR *text,
                       HRESULT expected_hr, const WCHAR *after, const char *what)
{
    VARIANT value, expected;

    V_VT(&value) = VT_BSTR;
    V_BSTR(&value) = SysAllocString(text);
    V_VT(&expected) = VT_BSTR;
    V_BSTR(&expected) = SysAllocString(after);
    set_prop(ctx, group, id, &value, expected_hr, &expected, what);
    VariantClear(&value);
    VariantClear(&expected);
}

/* `length` characters that differ from one place to the next. */
static void fill(WCHAR *text, unsigned int length)
{
    unsigned int i;
    for (i = 0; i < length; i++) text[i] = 'a' + (i * 7) % 26;
    text[length] = 0;
}

static void test_strings(const struct suite_ctx *ctx, IBackgroundCopyGroup *group)
{
    static const WCHAR clsid[] = L"{4C3A5E01-1E9A-4C01-9B2E-517A00000201}";
    static const WCHAR clsid_lower[] = L"{4c3a5e01-1e9a-4c01-9b2e-517a00000202}";
    static const WCHAR name[] = L"Legacy group \x00e9t\x00e9 \x4e2d\x6587";
    WCHAR longest[1025], too_long[1026];
    VARIANT value, kept;

    set_string(ctx, group, GROUPPROP_NOTIFYCLSID, clsid, S_OK, clsid, "a CLSID");
    set_string(ctx, group, GROUPPROP_NOTIFYCLSID, clsid_lower, S_OK, clsid_lower, "a CLSID in lower case");
    set_string(ctx, group, GROUPPROP_NOTIFYCLSID, L"not a CLSID", E_INVALIDARG, clsid_lower, "not a CLSID (refused)");
    V_VT(&kept) = VT_BSTR;
    V_BSTR(&kept) = SysAllocString(clsid_lower);
    legacy_int_variant(&value, VT_I4, 7);
    set_prop(ctx, group, GROUPPROP_NOTIFYCLSID, &value, E_INVALIDARG, &kept, "VT_I4 (refused)");
    VariantClear(&kept);

    set_string(ctx, group, GROUPPROP_DISPLAYNAME, name, S_OK, name, "non-ASCII");
    /* The bounds: 256 and 1024 characters; one more is refused and the
     * longest accepted value stays. */
    fill(longest, 256);
    fill(too_long, 257);
    set_string(ctx, group, GROUPPROP_DISPLAYNAME, longest, S_OK, longest, "of 256 characters");
    set_string(ctx, group, GROUPPROP_DISPLAYNAME, too_long, E_INVALIDARG, longest, "of 257 characters (refused)");
    fill(longest, 1024);
    fill(too_long, 1025);
    set_string(ctx, group, GROUPPROP_DESCRIPTION, longest, S_OK, longest, "of 1024 characters");
    set_string(ctx, group, GROUPPROP_DESCRIPTION, too_long, E_INVALIDARG, longest, "of 1025 characters (refused)");
}

static void test_unsupported(const struct suite_ctx *ctx, IBackgroundCopyGroup *group)
{
    static const GROUPPROP unsupported[] =
    {
        GROUPPROP_REMOTEUSERID, GROUPPROP_REMOTEUSERPWD, GROUPPROP_LOCALUSERID, GROUPPROP_LOCALUSERPWD,
        GROUPPROP_PROGRESSSIZE, GROUPPROP_PROGRESSPERCENT, GROUPPROP_PROGRESSTIME, (GROUPPROP)13,
    };
    VARIANT empty, value;
    unsigned int i;
    HRESULT hr;

    VariantInit(&empty);
    for (i = 0; i < ARRAYSIZE(unsupported); i++)
    {
        expect_prop(ctx, group, unsupported[i], E_NOTIMPL, &empty, "(not supported)");
        V_VT(&value) = VT_BSTR;
        V_BSTR(&value) = SysAllocString(L"user");
        hr = IBackgroundCopyGroup_SetProp(group, unsupported[i], &value);
        ok(hr == E_NOTIMPL, "%s: SetProp(%s) (not supported): hr %#lx", ctx->config, prop_name(unsupported[i]), hr);
        VariantClear(&value);
    }
}

void legacy_test_props(const struct suite_ctx *ctx)
{
    GUID id = legacy_guid(2, 0);
    IBackgroundCopyGroup *group;

    if (!(group = legacy_create_group(ctx, &id))) return;
    test_defaults(ctx, group);
    test_integers(ctx, group);
    test_strings(ctx, group);
    test_unsupported(ctx, group);
    exercised("IBackgroundCopyGroup", "GetProp");
    exercised("IBackgroundCopyGroup", "SetProp");
    IBackgroundCopyGroup_Release(group);
}
