/**
 * The error catalogue: every stable code a client may see, its HTTP status and its message in
 * Bahasa Indonesia (default) and English. Codes never change meaning once released.
 */
export type Locale = 'id' | 'en';

interface ErrorEntry {
  status: number;
  id: string;
  en: string;
}

export const ERRORS = {
  INVALID_JSON: { status: 400, id: 'Isi permintaan bukan JSON yang sah.', en: 'The request body is not valid JSON.' },
  VALIDATION_FAILED: {
    status: 400,
    id: 'Data yang dikirim tidak sesuai format. Periksa kolom yang disebutkan.',
    en: 'The data sent does not match the expected format. Check the fields listed.',
  },
  UNAUTHENTICATED: { status: 401, id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  /** The session was ended on purpose (account disabled, device signed out, password changed), not by time: the device erases its PIN. */
  SESSION_REVOKED: {
    status: 401,
    id: 'Sesi di perangkat ini telah diakhiri (akun dinonaktifkan atau perangkat dikeluarkan). Silakan masuk kembali.',
    en: 'The session on this device was ended (account disabled or device signed out). Please sign in again.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    id: 'Nama pengguna atau kata sandi salah.',
    en: 'Wrong username or password.',
  },
  FORBIDDEN: {
    status: 403,
    id: 'Anda tidak berwenang melakukan tindakan ini.',
    en: 'You are not allowed to do this.',
  },
  CSRF_REJECTED: {
    status: 403,
    id: 'Permintaan ditolak karena berasal dari situs lain.',
    en: 'The request was refused because it came from another site.',
  },
  NOT_FOUND: { status: 404, id: 'Data tidak ditemukan.', en: 'Not found.' },
  CALENDAR_PERIOD_INVALID: {
    status: 422,
    id: 'Periode jam kerja khusus tidak sah: tanggal selesai harus sesudah tanggal mulai, paling lama 45 hari, dan jam pulang sesudah jam masuk.',
    en: 'Invalid special working-hours period: the end must follow the start, at most 45 days, and leaving after starting.',
  },
  CALENDAR_PERIOD_OVERLAP: {
    status: 409,
    id: 'Periode jam kerja khusus ini bertumpang tindih dengan periode yang sudah ada.',
    en: 'This special working-hours period overlaps an existing one.',
  },
  ROUTE_NOT_FOUND: { status: 404, id: 'Alamat API tidak dikenal.', en: 'Unknown API route.' },
  METHOD_NOT_ALLOWED: { status: 405, id: 'Metode tidak diizinkan.', en: 'Method not allowed.' },
  CONFLICT: { status: 409, id: 'Data bertentangan dengan data yang ada.', en: 'The data conflicts with existing data.' },
  USERNAME_TAKEN: { status: 409, id: 'Nama pengguna sudah dipakai.', en: 'The username is already taken.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    id: 'Kunci Idempotency-Key ini sudah dipakai untuk permintaan lain. Buat kunci baru untuk setiap perubahan.',
    en: 'This Idempotency-Key was already used for another request. Use a new key for each change.',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    id: 'Permintaan dengan kunci Idempotency-Key yang sama sedang diproses. Coba lagi sebentar lagi.',
    en: 'A request with the same Idempotency-Key is still being processed. Try again shortly.',
  },
  ID_TAKEN: {
    status: 409,
    id: 'Pengenal (id) ini sudah dipakai. Buat id baru untuk data baru.',
    en: 'This id is already in use. Generate a new id for a new record.',
  },
  VERSION_CONFLICT: {
    status: 409,
    id: 'Data telah diubah oleh orang lain. Muat ulang lalu ulangi perubahan Anda.',
    en: 'Someone else changed this record. Reload and apply your change again.',
  },
  INVALID_TRANSITION: {
    status: 409,
    id: 'Perpindahan tahapan ini tidak diizinkan.',
    en: 'This stage transition is not allowed.',
  },
  CASE_CLOSED: {
    status: 409,
    id: 'Kasus sudah ditutup. Koordinator dapat membukanya kembali dengan alasan.',
    en: 'The case is closed. A koordinator can reopen it with a reason.',
  },
  RESOLUTION_NOT_VERIFIED: {
    status: 409,
    id: 'Hasil terminasi belum diverifikasi koordinator; bimbingan lanjut dimulai setelah verifikasi.',
    en: 'The koordinator has not verified the termination outcome; follow-up starts after verification.',
  },
  CASE_ACTION_NOT_ALLOWED: {
    status: 409,
    id: 'Tindakan ini tidak dapat dilakukan pada tahapan kasus saat ini.',
    en: 'This action is not possible at the case’s current stage.',
  },
  CASE_INVALID: {
    status: 422,
    id: 'Data kasus tidak valid. Periksa isian yang ditandai.',
    en: 'The case data is invalid. Check the marked fields.',
  },
  CASE_AGE_OUTSIDE_CATEGORY: {
    status: 422,
    id: 'Usia orang ini tidak sesuai kategori PPKS yang dipilih: Anak Balita Telantar di bawah 5 tahun, kategori anak di bawah 18 tahun (ABH di bawah 21 bila perkaranya terjadi sebelum 18), Lanjut Usia Telantar 60 tahun ke atas. Periksa tanggal lahir atau pilih kategori lain.',
    en: 'This person’s age does not fit the chosen PPKS category: Anak Balita Telantar under 5, children’s categories under 18 (ABH under 21 when the offence was before 18), Lanjut Usia Telantar 60 and over. Check the birth date or choose another category.',
  },
  FORM_INVALID: {
    status: 422,
    id: 'Isian formulir tidak sesuai. Periksa kolom yang disebutkan.',
    en: 'The form answers are invalid. Check the fields listed.',
  },
  PLAN_INVALID: { status: 422, id: 'Rencana intervensi tidak lengkap.', en: 'The intervention plan is incomplete.' },
  PLAN_NOT_EDITABLE: {
    status: 409,
    id: 'Rencana intervensi yang sudah diajukan atau disetujui tidak dapat diubah.',
    en: 'A submitted or approved intervention plan cannot be changed.',
  },
  PLAN_NOT_SUBMITTED: {
    status: 409,
    id: 'Rencana intervensi ini tidak sedang menunggu persetujuan.',
    en: 'This intervention plan is not waiting for approval.',
  },
  REFERRAL_INVALID: { status: 422, id: 'Data rujukan tidak valid.', en: 'The referral data is invalid.' },
  REFERRAL_STATE: {
    status: 409,
    id: 'Rujukan ini sudah dijawab atau tidak dalam status yang sesuai.',
    en: 'This referral has already been answered or is not in a state that allows this.',
  },
  TRANSFER_INVALID: {
    status: 422,
    id: 'Tujuan pengalihan tidak valid: harus pendamping aktif di wilayah yang sama.',
    en: 'Invalid transfer target: it must be an active pendamping in the same area.',
  },
  TRANSFER_STATE: {
    status: 409,
    id: 'Pengalihan ini sudah diputuskan, atau kasus sudah memiliki pengalihan yang menunggu.',
    en: 'This transfer was already decided, or the case already has a pending transfer.',
  },
  STAGE_REQUIREMENT_MISSING: {
    status: 409,
    id: 'Syarat tahapan belum terpenuhi: rencana intervensi disusun dari asesmen yang sudah dicatat, dan intervensi dimulai setelah rencana intervensi disetujui koordinator.',
    en: 'The stage’s requirements are not met: a plan follows a recorded assessment, and intervention starts once the koordinator has approved the plan.',
  },
  OUTCOME_NOT_MET: {
    status: 409,
    id: 'Kriteria terselesaikan belum terpenuhi semuanya dengan bukti.',
    en: 'Not every resolution criterion is met with evidence.',
  },
  FOLLOWUP_STATE: {
    status: 409,
    id: 'Jadwal bimbingan lanjut ini sudah dicatat.',
    en: 'This follow-up has already been recorded.',
  },
  ATTACHMENT_INVALID: {
    status: 422,
    id: 'Lampiran harus berupa foto (JPEG, PNG, WebP) atau PDF.',
    en: 'Attachments must be a photo (JPEG, PNG, WebP) or a PDF.',
  },
  IDENTITY_PROTECTED: {
    status: 403,
    id: 'Identitas orang ini dilindungi: hanya pendamping yang menanganinya dan koordinator wilayahnya yang dapat membuka atau mengubah datanya.',
    en: 'This person’s identity is protected: only their own pendamping and the area’s koordinator may open or change their data.',
  },
  BREAK_GLASS_REQUIRED: {
    status: 403,
    id: 'Identitas kasus sensitif ini dilindungi. Catat alasan akses darurat untuk membukanya.',
    en: 'This sensitive case’s identity is protected. Record an emergency-access reason to open it.',
  },
  DEVICE_TIME_INVALID: {
    status: 422,
    id: 'Waktu di perangkat lebih dari 3 hari yang lalu: presensi itu tidak dapat dikirim lagi. Periksa jam ponsel, atau ajukan koreksi presensi.',
    en: 'The device time is more than 3 days ago: that attendance can no longer be sent. Check the phone clock, or ask for an attendance correction.',
  },
  ALREADY_CHECKED_IN: {
    status: 409,
    id: 'Anda sudah melakukan presensi masuk hari ini.',
    en: 'You have already checked in today.',
  },
  NOT_CHECKED_IN: {
    status: 409,
    id: 'Belum ada presensi masuk hari ini; lakukan presensi masuk terlebih dahulu.',
    en: 'There is no check-in today; check in first.',
  },
  ALREADY_CHECKED_OUT: {
    status: 409,
    id: 'Anda sudah melakukan presensi pulang hari ini.',
    en: 'You have already checked out today.',
  },
  ABSENCE_RECORDED: {
    status: 409,
    id: 'Hari ini sudah tercatat izin, sakit, atau cuti; presensi tidak dapat dilakukan.',
    en: 'Today is already recorded as leave or sick leave; attendance cannot be recorded.',
  },
  SYNC_STATUS_INVALID: {
    status: 422,
    id: 'Laporan status sinkronisasi perangkat tidak sah. Periksa isian yang disebutkan.',
    en: 'The device sync status report is invalid. Check the fields listed.',
  },
  OUTBOX_PATH_NOT_ALLOWED: {
    status: 400,
    id: 'Penulisan ini tidak dapat dikirim lewat antrean perangkat: hanya pencatatan kerja lapangan yang diterima. Kirim langsung ke alamatnya.',
    en: 'This write cannot be sent through the device outbox: only field-work records are accepted. Send it to its own route.',
  },
  OUTBOX_BATCH_INVALID: {
    status: 400,
    id: 'Kiriman antrean perangkat tidak sah: setiap penulisan harus memakai id (Idempotency-Key) yang berbeda.',
    en: 'The device outbox batch is invalid: every write must carry a different id (Idempotency-Key).',
  },
  OUTBOX_ENTRY_WAITING: {
    status: 424,
    id: 'Belum dijalankan: penulisan sebelumnya pada data yang sama belum berhasil. Penulisan ini tetap menunggu di perangkat.',
    en: 'Not run: an earlier write on the same record did not succeed. This write keeps waiting on the device.',
  },
  ATTENDANCE_INVALID: {
    status: 422,
    id: 'Data presensi tidak valid. Periksa isian yang ditandai.',
    en: 'The attendance data is invalid. Check the marked fields.',
  },
  ACTIVITY_INVALID: {
    status: 422,
    id: 'Data kegiatan tidak valid. Periksa isian yang ditandai.',
    en: 'The activity data is invalid. Check the marked fields.',
  },
  ACTIVITY_NOT_EDITABLE: {
    status: 409,
    id: 'Kegiatan yang sudah diajukan atau disetujui tidak dapat diubah.',
    en: 'An activity that was submitted or approved cannot be changed.',
  },
  ACTIVITY_NOT_SUBMITTED: {
    status: 409,
    id: 'Hanya kegiatan yang sudah diajukan yang dapat disetujui atau dikembalikan.',
    en: 'Only submitted activities can be approved or returned.',
  },
  FOUR_EYES_REQUIRED: {
    status: 403,
    id: 'Keputusan ini harus diambil orang lain: Anda sendiri yang menyusun atau mencatatnya (prinsip empat mata).',
    en: 'Someone else must decide this: you wrote or recorded it yourself (four-eyes principle).',
  },
  OWN_REPORT: {
    status: 403,
    id: 'Anda tidak dapat menyetujui laporan Anda sendiri.',
    en: 'You cannot approve your own report.',
  },
  LEGAL_HOLD_REASON_REQUIRED: {
    status: 422,
    id: 'Tulis alasan penahanan data (misalnya nomor perkara atau surat permintaan), 5–1.000 karakter.',
    en: 'Write the reason for the legal hold (e.g. a case number or the letter asking for it), 5–1,000 characters.',
  },
  LEGAL_HOLD_ACTIVE: {
    status: 409,
    id: 'Data ini sudah ditahan (penahanan hukum masih berlaku).',
    en: 'This record is already under a legal hold.',
  },
  LEGAL_HOLD_RELEASED: {
    status: 409,
    id: 'Penahanan ini sudah dicabut.',
    en: 'This legal hold has already been released.',
  },
  SKP_ADJUST_REASON_REQUIRED: {
    status: 422,
    id: 'Penyesuaian rating hasil kerja harus disertai alasan tertulis (paling sedikit 10 karakter).',
    en: 'Adjusting the work-result rating needs a written reason (at least 10 characters).',
  },
  SKP_PERIOD_NOT_YET: {
    status: 422,
    id: 'Periode evaluasi ini belum dimulai: perilaku kerja hanya dinilai untuk periode yang sudah berjalan.',
    en: 'This evaluation period has not begun: behaviour is rated only for periods under way or past.',
  },
  SKP_PERIOD_KIND_MIXED: {
    status: 409,
    id: 'Perilaku kerja tahun ini sudah dinilai dengan jenis periode lain (bulanan atau triwulanan): gunakan satu jenis periode sepanjang tahun.',
    en: 'This year’s behaviour is already rated with the other kind of period (monthly or quarterly): keep one kind for the whole year.',
  },
  PHOTO_INVALID: {
    status: 422,
    id: 'Foto tidak diterima: gunakan JPEG, PNG atau WebP, paling besar 2 MB, paling banyak 5 foto per kegiatan.',
    en: 'Photo refused: use JPEG, PNG or WebP, at most 2 MB, at most 5 photos per activity.',
  },
  PROFILE_INVALID: {
    status: 422,
    id: 'Data profil pendamping tidak valid. Periksa isian yang ditandai.',
    en: 'The pendamping profile is invalid. Check the marked fields.',
  },
  BODY_TOO_LARGE: { status: 413, id: 'Ukuran data terlalu besar.', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    id: 'Jenis isi permintaan tidak didukung; gunakan application/json.',
    en: 'Unsupported content type; use application/json.',
  },
  UPLOAD_TYPE_REQUIRED: {
    status: 415,
    id: 'Kirim berkasnya sendiri sebagai isi permintaan, bukan JSON: foto sebagai image/jpeg, image/png atau image/webp; impor sebagai text/csv atau XLSX.',
    en: 'Send the file itself as the request body, not JSON: a photo as image/jpeg, image/png or image/webp; an import as text/csv or XLSX.',
  },
  WEAK_PASSWORD: {
    status: 422,
    id: 'Kata sandi terlalu lemah: minimal 10 karakter, tidak berulang, tidak memuat nama pengguna, dan bukan kata sandi umum yang mudah ditebak.',
    en: 'Password too weak: at least 10 characters, not repetitive, not containing the username, and not a common, easily guessed password.',
  },
  WILAYAH_UNKNOWN: { status: 422, id: 'Kode wilayah tidak dikenal.', en: 'Unknown area code.' },
  SCOPE_REQUIRED: {
    status: 422,
    id: 'Peran ini harus memiliki wilayah tugas.',
    en: 'This role needs an assigned area.',
  },
  SCOPE_OUTSIDE_OWN: {
    status: 403,
    id: 'Wilayah di luar cakupan Anda.',
    en: 'The area is outside your scope.',
  },
  ROLE_NOT_GRANTABLE: {
    status: 403,
    id: 'Anda tidak berwenang memberikan peran ini.',
    en: 'You may not grant this role.',
  },
  SELF_DISABLE: {
    status: 409,
    id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
    en: 'You cannot disable your own account.',
  },
  LAST_NATIONAL_ADMIN: {
    status: 409,
    id: 'Ini admin nasional aktif terakhir. Tetapkan admin nasional lain terlebih dahulu.',
    en: 'This is the last active national admin. Appoint another national admin first.',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    id: 'Terlalu banyak percobaan. Coba lagi dalam beberapa menit.',
    en: 'Too many attempts. Try again in a few minutes.',
  },
  LOGIN_THROTTLED: {
    status: 429,
    id: 'Terlalu banyak percobaan masuk yang gagal. Tunggu sebentar lalu coba lagi.',
    en: 'Too many failed sign-in attempts. Wait a moment and try again.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    id: 'Ganti kata sandi Anda terlebih dahulu sebelum melanjutkan.',
    en: 'Change your password before you continue.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 403,
    id: 'Kata sandi saat ini salah.',
    en: 'The current password is wrong.',
  },
  OTP_REQUIRED: {
    status: 401,
    id: 'Masukkan kode verifikasi dari aplikasi autentikator, atau salah satu kode pemulihan.',
    en: 'Enter the verification code from your authenticator app, or one of your recovery codes.',
  },
  OTP_INVALID: {
    status: 401,
    id: 'Kode verifikasi salah, kedaluwarsa, atau sudah dipakai. Masukkan kode yang sedang tampil di aplikasi.',
    en: 'The verification code is wrong, expired or already used. Enter the code your app shows now.',
  },
  TWO_FACTOR_SETUP_REQUIRED: {
    status: 403,
    id: 'Peran Anda wajib memakai verifikasi dua langkah. Aktifkan di halaman Akun sebelum melanjutkan.',
    en: 'Your role requires two-step verification. Turn it on in your account before you continue.',
  },
  TWO_FACTOR_ALREADY_ENABLED: {
    status: 409,
    id: 'Verifikasi dua langkah sudah aktif untuk akun ini.',
    en: 'Two-step verification is already on for this account.',
  },
  TWO_FACTOR_RESET_OWN: {
    status: 403,
    id: 'Verifikasi dua langkah akun Anda sendiri hanya dapat diatur ulang oleh admin lain.',
    en: 'Only another admin can reset the two-step verification of your own account.',
  },
  TWO_FACTOR_NOT_ENABLED: {
    status: 409,
    id: 'Verifikasi dua langkah belum aktif untuk akun ini.',
    en: 'Two-step verification is not on for this account.',
  },
  TWO_FACTOR_REQUIRED_BY_ROLE: {
    status: 409,
    id: 'Peran Anda wajib memakai verifikasi dua langkah, jadi tidak dapat dimatikan. Hubungi admin bila ponsel Anda hilang.',
    en: 'Your role requires two-step verification, so it cannot be turned off. Contact an admin if you lost your phone.',
  },
  TWO_FACTOR_NOT_STARTED: {
    status: 409,
    id: 'Mulai penyiapan verifikasi dua langkah terlebih dahulu (pindai kode QR).',
    en: 'Start setting up two-step verification first (scan the QR code).',
  },
  BENEFICIARY_INVALID: {
    status: 422,
    id: 'Data penerima manfaat tidak sah. Lihat rincian per kolom.',
    en: 'The beneficiary data is invalid. See the details per field.',
  },
  NIK_EXISTS: {
    status: 409,
    id: 'NIK sudah terdaftar.',
    en: 'The NIK is already registered.',
  },
  NIK_ALREADY_LINKED: {
    status: 409,
    id: 'Orang ini sudah memiliki NIK. Perbaiki NIK melalui ubah data.',
    en: 'This person already has a NIK. Correct it by editing their data.',
  },
  NIK_LINK_REQUIRED: {
    status: 409,
    id: 'Orang ini terdaftar tanpa NIK. Berikan NIK-nya dengan "Tautkan NIK" agar riwayatnya tetap utuh.',
    en: 'This person was registered without a NIK. Give their NIK with "Link NIK" so their history is kept.',
  },
  NIK_EXISTS_MERGE_REQUIRED: {
    status: 409,
    id: 'NIK ini sudah terdaftar atas orang lain dalam data. Koordinator atau admin wilayah menggabungkan kedua data saat menautkan NIK.',
    en: 'This NIK is already registered to another record. The area’s koordinator or admin merges the two records when linking the NIK.',
  },
  CONSENT_GUARDIAN_REQUIRED: {
    status: 422,
    id: 'Untuk anak, persetujuan harus diberikan oleh orang tua atau wali (UU 27/2022 Pasal 25), bukan oleh anak sendiri atau pendamping hukum.',
    en: 'For a child, consent must be given by a parent or guardian (UU 27/2022 Pasal 25), not by the child or a legal companion.',
  },
  CASELOAD_LIMITS_INVALID: {
    status: 422,
    id: 'Beban kasus yang direkomendasikan tidak boleh melebihi batas maksimum.',
    en: 'The recommended caseload may not exceed the maximum.',
  },
  REFERRAL_CONSENT_MISSING: {
    status: 422,
    id: 'Rujukan atas dasar persetujuan memerlukan persetujuan yang masih berlaku untuk berbagi data dengan lembaga rujukan. Catat persetujuannya dulu, atau pilih dasar pemrosesan lain.',
    en: 'A referral on the basis of consent needs an active consent to share data with referral institutions. Record it first, or choose another legal basis.',
  },
  IMPORT_FILE_UNREADABLE: {
    status: 422,
    id: 'Berkas tidak dapat dibaca sebagai CSV atau XLSX.',
    en: 'The file cannot be read as CSV or XLSX.',
  },
  IMPORT_COLUMNS_MISSING: {
    status: 422,
    id: 'Kolom wajib tidak ditemukan di baris judul: nik, nama, jenis_kelamin, tanggal_lahir, kode_desa.',
    en: 'Required columns are missing from the header row: nik, nama, jenis_kelamin, tanggal_lahir, kode_desa.',
  },
  AFFECTED_IMPORT_COLUMNS_MISSING: {
    status: 422,
    id: 'Kolom wajib tidak ditemukan di baris judul berkas posko: nama, jenis_kelamin, kode_desa.',
    en: 'Required columns are missing from the header row of the posko file: nama, jenis_kelamin, kode_desa.',
  },
  AFFECTED_IMPORT_TOO_MANY_ROWS: {
    status: 413,
    id: 'Berkas posko berisi lebih dari 5.000 baris: bagi menjadi beberapa berkas (misalnya satu per posko).',
    en: 'The posko file holds more than 5,000 rows: split it into several files (for instance one per shelter).',
  },
  STAFF_IMPORT_COLUMNS_MISSING: {
    status: 422,
    id: 'Kolom wajib daftar pegawai tidak ditemukan di baris judul: NIP/NI PPPK, Nama, Peran, Wilayah.',
    en: 'Required staff-list columns are missing from the header row: NIP/NI PPPK, Nama, Peran, Wilayah.',
  },
  STAFF_IMPORT_TOO_MANY_ROWS: {
    status: 413,
    id: 'Daftar pegawai berisi lebih dari 2.000 baris: bagi menjadi beberapa berkas.',
    en: 'The staff list holds more than 2,000 rows: split it into several files.',
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 413,
    id: 'Berkas berisi lebih dari 50.000 baris data, batas unggahan lewat web. Bagi berkas menjadi beberapa bagian, atau minta admin mengimpornya dengan perintah `npx tuntas import beneficiaries BERKAS`.',
    en: 'The file holds more than 50,000 data rows, the limit for a web upload. Split it, or ask an administrator to import it with `npx tuntas import beneficiaries FILE`.',
  },
  IMPORT_XLSX_TOO_LARGE: {
    status: 413,
    id: 'Isi berkas XLSX terlalu besar setelah dibuka (lebih dari batas unggahan lewat web). Bagi berkas menjadi beberapa bagian, simpan sebagai CSV, atau minta admin mengimpornya dengan perintah `npx tuntas import beneficiaries BERKAS`.',
    en: 'The XLSX file is too large once unpacked (over the web upload limit). Split it, save it as CSV, or ask an administrator to import it with `npx tuntas import beneficiaries FILE`.',
  },
  IMPORT_FILE_TOO_LARGE: {
    status: 413,
    id: 'Berkas terlalu besar untuk diimpor di latar belakang (lebih dari 32 MB). Bagi berkas menjadi beberapa bagian, atau minta admin mengimpornya dengan perintah `npx tuntas import beneficiaries BERKAS`.',
    en: 'The file is too large to be imported in the background (over 32 MB). Split it, or ask an administrator to import it with `npx tuntas import beneficiaries FILE`.',
  },
  IMPORT_SCOPE_LOOKUPS_EXCEEDED: {
    status: 429,
    id: 'Terlalu banyak baris impor Anda yang tidak dapat disimpan dengan akun Anda dalam satu jam terakhir. Coba lagi nanti, atau minta admin memeriksa berkasnya.',
    en: 'Too many of your imported rows could not be saved with your account in the last hour. Try again later, or ask an administrator to check the file.',
  },
  TRAINING_INVALID: {
    status: 422,
    id: 'Data pelatihan tidak valid. Periksa isian yang disebutkan.',
    en: 'The training data is invalid. Check the fields listed.',
  },
  TRAINING_PARTICIPANT_INVALID: {
    status: 422,
    id: 'Peserta harus akun pendamping atau koordinator yang aktif.',
    en: 'A participant must be an active pendamping or koordinator account.',
  },
  TRAINING_ALREADY_PARTICIPANT: {
    status: 409,
    id: 'Orang ini sudah terdaftar sebagai peserta.',
    en: 'This person is already a participant.',
  },
  TRAINING_QUOTA_FULL: { status: 409, id: 'Kuota peserta pelatihan sudah penuh.', en: 'The training is full.' },
  TRAINING_NOT_PARTICIPANT: {
    status: 422,
    id: 'Orang ini bukan peserta pelatihan ini.',
    en: 'This person is not a participant of this training.',
  },
  TRAINING_UNIT_UNKNOWN: { status: 422, id: 'Materi (unit) tidak ada dalam pelatihan ini.', en: 'This unit is not part of the training.' },
  TRAINING_SESSION_NOT_STARTED: {
    status: 409,
    id: 'Sesi ini belum dimulai; kehadiran dicatat pada hari sesi.',
    en: 'This session has not started; attendance is recorded on the session’s day.',
  },
  TRAINING_NOT_ENDED: {
    status: 409,
    id: 'Pelatihan belum berakhir; kelulusan ditetapkan setelah hari terakhir.',
    en: 'The training has not ended; completion is decided after its last day.',
  },
  TRAINING_COMPLETED: {
    status: 409,
    id: 'Pelatihan sudah ditetapkan selesai; peserta, kehadiran dan nilai tidak dapat diubah lagi.',
    en: 'The training has been completed; participants, attendance and scores can no longer change.',
  },
  TRAINING_CHECKIN_INVALID: {
    status: 422,
    id: 'Kode QR ini bukan untuk sesi pelatihan ini. Pindai kode yang ditampilkan panitia.',
    en: 'This QR code is not for this training session. Scan the code the organiser shows.',
  },
  TRAINING_CHECKIN_EXPIRED: {
    status: 422,
    id: 'Kode QR sudah kedaluwarsa. Pindai kode terbaru di layar panitia.',
    en: 'The QR code has expired. Scan the latest code on the organiser’s screen.',
  },
  TRAINING_INVITATION_DECLINED: {
    status: 409,
    id: 'Orang ini menolak undangan pelatihan ini.',
    en: 'This person declined the invitation to this training.',
  },
  TRAINING_INVITATION_ANSWERED: {
    status: 409,
    id: 'Undangan ini sudah Anda jawab. Hubungi panitia bila ada perubahan.',
    en: 'You have already answered this invitation. Contact the organiser about any change.',
  },
  TRAINING_INVITATION_CLOSED: {
    status: 409,
    id: 'Pelatihan sudah berakhir; undangan tidak dapat dijawab lagi.',
    en: 'The training has ended; the invitation can no longer be answered.',
  },
  TRAINING_TEST_INVALID: {
    status: 422,
    id: 'Data tes pelatihan tidak valid. Periksa isian yang disebutkan.',
    en: 'The training test data is invalid. Check the fields listed.',
  },
  TRAINING_TEST_NONE: { status: 404, id: 'Pelatihan ini tidak memiliki tes tersebut.', en: 'This training has no such test.' },
  TRAINING_TEST_NOT_OPEN: {
    status: 409,
    id: 'Tes belum dibuka; jawaban dapat dikirim mulai waktu pembukaan.',
    en: 'The test is not open yet; answers can be sent from its opening time.',
  },
  TRAINING_TEST_CLOSED: {
    status: 409,
    id: 'Waktu tes sudah berakhir; jawaban tidak dapat dikirim lagi.',
    en: 'The test window has closed; answers can no longer be sent.',
  },
  TRAINING_TEST_ALREADY_ANSWERED: {
    status: 409,
    id: 'Anda sudah mengerjakan tes ini; jawaban hanya dapat dikirim sekali.',
    en: 'You have already taken this test; answers can be sent only once.',
  },
  TRAINING_TEST_STARTED: {
    status: 409,
    id: 'Sudah ada peserta yang mengerjakan tes ini; soal dan waktunya tidak dapat diubah lagi.',
    en: 'Participants have already taken this test; its questions and window can no longer change.',
  },
  TRAINING_TEST_AUTO_SCORED: {
    status: 409,
    id: 'Nilai tes ini dihitung otomatis dari jawaban peserta dan tidak dapat diisi manual.',
    en: 'This test is scored automatically from the participants’ answers and cannot be entered by hand.',
  },
  TRAINING_PROGRAMME_INVALID: {
    status: 422,
    id: 'Data program pelatihan tidak valid. Periksa isian yang disebutkan.',
    en: 'The training programme data is invalid. Check the fields listed.',
  },
  TRAINING_PROGRAMME_EXISTS: {
    status: 409,
    id: 'Kode program pelatihan ini sudah dipakai. Pilih kode lain.',
    en: 'This training programme code is already in use. Choose another.',
  },
  TRAINING_EVALUATION_NOT_ATTENDED: {
    status: 403,
    id: 'Evaluasi diisi oleh peserta yang sudah mengikuti sedikitnya satu sesi pelatihan ini.',
    en: 'The evaluation is for participants who attended at least one session of this training.',
  },
  TRAINING_EVALUATION_ALREADY: {
    status: 409,
    id: 'Anda sudah mengisi evaluasi pelatihan ini; evaluasi hanya dapat dikirim sekali.',
    en: 'You have already evaluated this training; an evaluation can be sent only once.',
  },
  TRAINING_EVALUATION_CLOSED: {
    status: 409,
    id: 'Masa evaluasi pelatihan ini sudah berakhir.',
    en: 'The evaluation period of this training has ended.',
  },
  TRAINING_EVALUATION_INVALID: {
    status: 422,
    id: 'Evaluasi tidak lengkap: beri nilai 1–5 untuk pelatihan dan untuk setiap narasumber.',
    en: 'The evaluation is incomplete: rate the training and every trainer from 1 to 5.',
  },
  CERTIFICATE_REVOKED: { status: 409, id: 'Sertifikat ini sudah dicabut.', en: 'This certificate has been revoked.' },
  COMPETENCY_INVALID: {
    status: 422,
    id: 'Data kompetensi tidak valid. Periksa isian yang disebutkan.',
    en: 'The competency data is invalid. Check the fields listed.',
  },
  DISASTER_INVALID: {
    status: 422,
    id: 'Data kejadian bencana tidak valid. Periksa isian yang disebutkan.',
    en: 'The disaster event data is invalid. Check the fields listed.',
  },
  DISASTER_STATUS_INVALID: {
    status: 409,
    id: 'Status darurat bencana tidak dapat berpindah ke status itu dari status sekarang.',
    en: 'The emergency status cannot move to that status from the current one.',
  },
  DISASTER_CLOSED: {
    status: 409,
    id: 'Kejadian bencana ini sudah selesai; datanya tidak dapat ditambah atau diubah lagi.',
    en: 'This disaster event is closed; its records can no longer be added or changed.',
  },
  DEPLOYMENT_INVALID: {
    status: 422,
    id: 'Penugasan tidak valid: hanya pendamping aktif, tanggal selesai tidak sebelum tanggal mulai, paling lama 90 hari.',
    en: 'The deployment is invalid: active pendamping only, end not before start, at most 90 days.',
  },
  DEPLOYMENT_END_INVALID: {
    status: 422,
    id: 'Tanggal akhir penugasan harus antara tanggal mulai dan hari ini, dan tidak melewati tanggal selesai yang tercatat.',
    en: 'The deployment’s end must lie between its start and today, and not after the recorded end.',
  },
  DEPLOYMENT_OVERLAP: {
    status: 409,
    id: 'Pendamping ini sudah ditugaskan ke kejadian ini pada tanggal yang bertumpang tindih.',
    en: 'This pendamping is already deployed to this event on overlapping dates.',
  },
  AFFECTED_INVALID: {
    status: 422,
    id: 'Data korban tidak valid. Periksa isian yang disebutkan.',
    en: 'The affected person data is invalid. Check the fields listed.',
  },
  AFFECTED_CASE_EXISTS: {
    status: 409,
    id: 'Kasus rehabilitasi untuk korban ini sudah dibuka dari kejadian ini.',
    en: 'A rehabilitation case has already been opened for this person from this event.',
  },
  TRACING_INVALID: {
    status: 422,
    id: 'Data penelusuran keluarga tidak valid. Periksa isian yang disebutkan.',
    en: 'The family tracing record is invalid. Check the fields listed.',
  },
  TRACING_STATUS_INVALID: {
    status: 409,
    id: 'Catatan penelusuran ini tidak dapat diubah begitu dari statusnya sekarang (terbuka → cocok → dipersatukan, atau ditutup).',
    en: 'This tracing record cannot change that way from its current status (terbuka → cocok → dipersatukan, or ditutup).',
  },
  TRACING_MATCH_INVALID: {
    status: 422,
    id: 'Pasangan penelusuran tidak sah: harus catatan terbuka dari kejadian yang sama dengan arah berlawanan (dicari dengan ditemukan).',
    en: 'Invalid tracing match: it must be an open record of the same event in the other direction (dicari with ditemukan).',
  },
  AID_INVALID: {
    status: 422,
    id: 'Data bantuan tidak valid. Periksa isian yang disebutkan (penerima harus korban atau keluarga dari kejadian ini).',
    en: 'The aid record is invalid. Check the fields listed (the recipient must be a person or household of this event).',
  },
  AID_BAST_REUSED: {
    status: 409,
    id: 'Nomor BAST ini sudah dipakai pada kejadian ini untuk penerima lain. Satu BAST hanya untuk satu penerima.',
    en: 'This BAST number is already used in this event for another recipient. One hand-over record has one recipient.',
  },
  RATE_LIMITED: {
    status: 429,
    id: 'Terlalu banyak permintaan dalam waktu singkat. Coba lagi sebentar lagi.',
    en: 'Too many requests in a short time. Try again shortly.',
  },
  INTERNAL: {
    status: 500,
    id: 'Terjadi kesalahan pada server. Coba lagi; bila berulang, hubungi admin.',
    en: 'Server error. Try again; if it persists, contact the administrator.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    id: 'Server sedang dimatikan atau dimulai ulang. Coba lagi sebentar lagi.',
    en: 'The server is shutting down or restarting. Try again shortly.',
  },
  NOT_READY: {
    status: 503,
    id: 'Server belum siap melayani: basis data tidak menjawab atau migrasinya belum dijalankan.',
    en: 'The server is not ready: the database does not answer or its migrations have not run.',
  },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;

export function errorMessage(code: ErrorCode, locale: Locale = 'id'): string {
  return ERRORS[code][locale];
}

export function errorStatus(code: ErrorCode): number {
  return ERRORS[code].status;
}

/** Picks the locale from an Accept-Language header: English only when asked for before Indonesian. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'id';
  const tags = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag === 'id' || tag.startsWith('id-')) return 'id';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'id';
}
