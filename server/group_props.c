/*
 * The properties of a legacy group (GROUPPROP), as Microsoft documents them:
 *   GROUPPROP_PRIORITY       an integer VARIANT, which must be 1
 *   GROUPPROP_PROTOCOLFLAGS  an integer VARIANT, which must be QM_PROTOCOL_HTTP
 *   GROUPPROP_NOTIFYFLAGS    an integer VARIANT of QM_NOTIFY_* flags
 *   GROUPPROP_NOTIFYCLSID    VT_BSTR, a CLSID in its "{...}" form
 *   GROUPPROP_DISPLAYNAME    VT_BSTR, at most 256 characters
 *   GROUPPROP_DESCRIPTION    VT_BSTR, at most 1024 characters
 * where an integer VARIANT is VT_I4, VT_I2, VT_UI4, VT_UI2, VT_INT or
 * VT_UINT. The user, password and progress properties are not supported:
 * E_NOTIMPL, as for a GROUPPROP that does not exist. A VARIANT of another
 * type, or a value out of those bounds, is E_INVALIDARG and changes nothing.
 * GetProp returns the VARIANT as it was set, type included. Until set:
 * VT_I4 1, VT_I4 QM_PROTOCOL_HTTP, VT_I4 0, VT_BSTR of GUID_NULL, and
 * empty VT_BSTRs.
 */
#include "qmgr_model.h"

#define MAX_DISPLAY_NAME 256
#define MAX_DESCRIPTION  1024
#define ALL_NOTIFY_FLAGS (QM_NOTIFY_FILE_DONE | QM_NOTIFY_JOB_DONE | QM_NOTIFY_GROUP_DONE \
                          | QM_NOTIFY_DISABLE_NOTIFY | QM_NOTIFY_USE_PROGRESSEX)

static BOOL is_supported(GROUPPROP id)
{
    switch (id)
    {
    case GROUPPROP_PRIORITY:
    case GROUPPROP_PROTOCOLFLAGS:
    case GROUPPROP_NOTIFYFLAGS:
    case GROUPPROP_NOTIFYCLSID:
    case GROUPPROP_DISPLAYNAME:
    case GROUPPROP_DESCRIPTION:
        return TRUE;
    default:
        return FALSE;
    }
}

/* The value of an integer VARIANT; FALSE for any other type. */
static BOOL integer_value(const VARIANT *v, DWORD *value)
{
    switch (V_VT(v))
    {
    case VT_I2:   *value = V_I2(v); return TRUE;
    case VT_UI2:  *value = V_UI2(v); return TRUE;
    case VT_I4:   *value = V_I4(v); return TRUE;
    case VT_UI4:  *value = V_UI4(v); return TRUE;
    case VT_INT:  *value = V_INT(v); return TRUE;
    case VT_UINT: *value = V_UINT(v); return TRUE;
    default:      return FALSE;
    }
}

static BOOL is_hex(WCHAR c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" and nothing else. */
static BOOL is_guid_string(BSTR s)
{
    unsigned int i;

    if (SysStringLen(s) != 38 || s[0] != '{' || s[37] != '}') return FALSE;
    for (i = 1; i < 37; i++)
    {
        if (i == 9 || i == 14 || i == 19 || i == 24)
        {
            if (s[i] != '-') return FALSE;
        }
        else if (!is_hex(s[i])) return FALSE;
    }
    return TRUE;
}

static HRESULT check_value(GROUPPROP id, const VARIANT *v)
{
    DWORD value;

    switch (id)
    {
    case GROUPPROP_PRIORITY:
        return integer_value(v, &value) && value == 1 ? S_OK : E_INVALIDARG;
    case GROUPPROP_PROTOCOLFLAGS:
        return integer_value(v, &value) && value == QM_PROTOCOL_HTTP ? S_OK : E_INVALIDARG;
    case GROUPPROP_NOTIFYFLAGS:
        return integer_value(v, &value) && !(value & ~ALL_NOTIFY_FLAGS) ? S_OK : E_INVALIDARG;
    case GROUPPROP_NOTIFYCLSID:
        return V_VT(v) == VT_BSTR && is_guid_string(V_BSTR(v)) ? S_OK : E_INVALIDARG;
    case GROUPPROP_DISPLAYNAME:
        return V_VT(v) == VT_BSTR && SysStringLen(V_BSTR(v)) <= MAX_DISPLAY_NAME ? S_OK : E_INVALIDARG;
    case GROUPPROP_DESCRIPTION:
        return V_VT(v) == VT_BSTR && SysStringLen(V_BSTR(v)) <= MAX_DESCRIPTION ? S_OK : E_INVALIDARG;
    default:
        return E_NOTIMPL;
    }
}

void group_props_init(struct group_props *props)
{
    WCHAR null_clsid[39];
    unsigned int i;

    for (i = 0; i < ARRAYSIZE(props->values); i++) VariantInit(&props->values[i]);
    V_VT(&props->values[GROUPPROP_PRIORITY]) = VT_I4;
    V_I4(&props->values[GROUPPROP_PRIORITY]) = 1;
    V_VT(&props->values[GROUPPROP_PROTOCOLFLAGS]) = VT_I4;
    V_I4(&props->values[GROUPPROP_PROTOCOLFLAGS]) = QM_PROTOCOL_HTTP;
    V_VT(&props->values[GROUPPROP_NOTIFYFLAGS]) = VT_I4;
    V_I4(&props->values[GROUPPROP_NOTIFYFLAGS]) = 0;
    StringFromGUID2(&GUID_NULL, null_clsid, ARRAYSIZE(null_clsid));
    V_VT(&props->values[GROUPPROP_NOTIFYCLSID]) = VT_BSTR;
    V_BSTR(&props->values[GROUPPROP_NOTIFYCLSID]) = SysAllocString(null_clsid);
    V_VT(&props->values[GROUPPROP_DISPLAYNAME]) = VT_BSTR;
    V_BSTR(&props->values[GROUPPROP_DISPLAYNAME]) = SysAllocString(L"");
    V_VT(&props->values[GROUPPROP_DESCRIPTION]) = VT_BSTR;
    V_BSTR(&props->values[GROUPPROP_DESCRIPTION]) = SysAllocString(L"");
}

void group_props_clear(struct group_props *props)
{
    unsigned int i;
    for (i = 0; i < ARRAYSIZE(props->values); i++) VariantClear(&props->values[i]);
}

HRESULT group_props_get(const struct group_props *props, GROUPPROP id, VARIANT *value)
{
    VariantInit(value);
    if (!is_supported(id)) return E_NOTIMPL;
    return VariantCopy(value, (VARIANT *)&props->values[id]);
}

HRESULT group_props_set(struct group_props *props, GROUPPROP id, const VARIANT *value)
{
    VARIANT copy;
    HRESULT hr;

    if (FAILED(hr = check_value(id, value))) return hr;
    VariantInit(&copy);
    if (FAILED(hr = VariantCopy(&copy, (VARIANT *)value))) return hr;
    VariantClear(&props->values[id]);
    props->values[id] = copy;
    return S_OK;
}

DWORD group_props_notify_flags(const struct group_props *props)
{
    DWORD flags = 0;
    integer_value(&props->values[GROUPPROP_NOTIFYFLAGS], &flags);
    return flags;
}

const WCHAR *group_props_display_name(const struct group_props *props)
{
    BSTR name = V_BSTR(&props->values[GROUPPROP_DISPLAYNAME]);
    return name ? name : L"";
}
