"""Data of the demo's Renstra, IKU, programs and notes (``demo_strategy`` loads them).

Program and kegiatan codes and names follow Permendagri 90/2019 for urusan 2.12 (as public
nomenclature tables reproduce them); the technical programs' sub kegiatan names are marked
"contoh demo": check them against the office's DPA before relying on them. Figures are
plausible, not published (facts.md: about 1.03 million residents, wajib KTP-el about 750,000).
"""

from decimal import Decimal

D = Decimal
PERIODS = [(2024, 2026, "Renstra Transisi"), (2025, 2029, "Renstra")]
# (tujuan, sasaran, responsible unit, IKU code, name, formula, satuan, source, measured by
#  (regex on the decree indicator's name), baseline, yearly path from 2024 to 2029)
IKU = [
    (
        "T1",
        "Meningkatkan kualitas pelayanan administrasi kependudukan dan pencatatan sipil",
        "S1.1",
        "Meningkatnya cakupan kepemilikan dokumen kependudukan",
        "Bidang Pelayanan Pendaftaran Penduduk",
        "1.1.1",
        "Persentase penduduk wajib KTP-el yang telah merekam KTP-el",
        "Penduduk wajib KTP-el yang telah merekam ÷ penduduk wajib KTP-el × 100%",
        "%",
        "SIAK (DKB)",
        r"ktp-el",
        D("97.80"),
        [97.0, 98.0, 98.3, 98.6, 98.9, 99.2],
    ),
    (
        "T1",
        "",
        "S1.1",
        "",
        "Bidang Pelayanan Pendaftaran Penduduk",
        "1.1.2",
        "Persentase penduduk yang terdaftar dalam Kartu Keluarga",
        "Penduduk dalam KK ÷ jumlah penduduk × 100%",
        "%",
        "SIAK (DKB)",
        r"kartu keluarga",
        D("98.60"),
        [98.0, 98.8, 99.0, 99.2, 99.4, 99.5],
    ),
    (
        "T1",
        "",
        "S1.1",
        "",
        "Bidang Pelayanan Pendaftaran Penduduk",
        "1.1.3",
        "Persentase anak yang memiliki Kartu Identitas Anak (KIA)",
        "Anak yang memiliki KIA ÷ jumlah anak × 100%",
        "%",
        "SIAK (DKB)",
        r"\bkia\b",
        D("38.50"),
        [40.0, 46.0, 53.0, 60.0, 67.0, 74.0],
    ),
    (
        "T1",
        "",
        "S1.2",
        "Meningkatnya cakupan kepemilikan akta pencatatan sipil",
        "Bidang Pelayanan Pencatatan Sipil",
        "1.2.1",
        "Persentase anak usia 0-18 tahun yang memiliki akta kelahiran",
        "Anak 0-18 tahun berakta kelahiran ÷ anak 0-18 tahun × 100%",
        "%",
        "SIAK (DKB)",
        r"0-18 tahun ber akta kelahiran|akta kelahiran.*0-18|0-18.*akta kelahiran",
        D("94.20"),
        [95.0, 95.8, 96.4, 97.0, 97.5, 98.0],
    ),
    (
        "T2",
        "Meningkatkan tata kelola pelayanan dan pemanfaatan data kependudukan",
        "S2.1",
        "Meningkatnya kepuasan masyarakat terhadap pelayanan administrasi kependudukan",
        "Sekretariat",
        "2.1.1",
        "Indeks Kepuasan Masyarakat (IKM) pelayanan administrasi kependudukan",
        "Rata-rata nilai unsur survei kepuasan masyarakat × 25 (PermenPAN-RB 14/2017)",
        "nilai",
        "Survei Kepuasan Masyarakat",
        r"indeks kepuasan",
        D("82.40"),
        [82.0, 83.0, 83.5, 84.0, 84.5, 85.0],
    ),
    (
        "T2",
        "",
        "S2.2",
        "Meningkatnya kualitas pengelolaan data dan dokumen kependudukan",
        "Bidang Pengelolaan Informasi Administrasi Kependudukan dan Pemanfaatan Data",
        "2.2.1",
        "Persentase berkas kependudukan dan pencatatan sipil yang terdokumentasi",
        "Berkas terdokumentasi ÷ berkas yang diterbitkan × 100%",
        "%",
        "Arsip Dispendukcapil",
        r"pendokumentasian",
        D("86.00"),
        [90.0, 91.0, 92.0, 93.0, 94.0, 95.0],
    ),
]
EARLIER = {
    "1.1.1": [96.9, 97.4],
    "1.1.2": [98.1, 98.4],
    "1.1.3": [27.6, 33.9],
    "1.2.1": [92.4, 93.5],
    "2.1.1": [80.1, 81.3],
    "2.2.1": [81.0, 84.0],
}
PROGRAMS = [
    ("2.12.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
    ("2.12.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"),
    ("2.12.01.2.02", "Administrasi Keuangan Perangkat Daerah"),
    ("2.12.01.2.05", "Administrasi Kepegawaian Perangkat Daerah"),
    ("2.12.01.2.06", "Administrasi Umum Perangkat Daerah"),
    ("2.12.01.2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah"),
    ("2.12.01.2.09", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah"),
    ("2.12.02", "PROGRAM PENDAFTARAN PENDUDUK"),
    ("2.12.02.2.01", "Pelayanan Pendaftaran Penduduk"),
    ("2.12.02.2.02", "Penataan Pendaftaran Penduduk"),
    ("2.12.03", "PROGRAM PENCATATAN SIPIL"),
    ("2.12.03.2.01", "Pelayanan Pencatatan Sipil"),
    ("2.12.04", "PROGRAM PENGELOLAAN INFORMASI ADMINISTRASI KEPENDUDUKAN"),
    (
        "2.12.04.2.01",
        "Pengumpulan Data Kependudukan dan Pemanfaatan dan Penyajian Database Kependudukan",
    ),
    ("2.12.04.2.02", "Penataan Pengelolaan Informasi Administrasi Kependudukan"),
    ("2.12.04.2.03", "Penyelenggaraan Pengelolaan Informasi Administrasi Kependudukan"),
    ("2.12.05", "PROGRAM PENGELOLAAN PROFIL KEPENDUDUKAN"),
    ("2.12.05.2.01", "Penyusunan Profil Kependudukan"),
]
# Sub kegiatan: code, name, pagu 2024 (Rp), the responsible position (words of its name).
# The technical programs' sub kegiatan names are illustrative: check them against the DPA.
SUBS = [
    (
        "2.12.01.2.01.0001",
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        45_000_000,
        "perencanaan dan keuangan",
    ),
    (
        "2.12.01.2.01.0006",
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        35_000_000,
        "perencanaan dan keuangan",
    ),
    (
        "2.12.01.2.01.0007",
        "Evaluasi Kinerja Perangkat Daerah",
        25_000_000,
        "perencanaan dan keuangan",
    ),
    (
        "2.12.01.2.02.0001",
        "Penyediaan Gaji dan Tunjangan ASN",
        6_850_000_000,
        "perencanaan dan keuangan",
    ),
    (
        "2.12.01.2.05.0009",
        "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
        60_000_000,
        "umum dan kepegawaian",
    ),
    ("2.12.01.2.06.0004", "Penyediaan Bahan Logistik Kantor", 120_000_000, "umum dan kepegawaian"),
    (
        "2.12.01.2.06.0005",
        "Penyediaan Barang Cetakan dan Penggandaan",
        310_000_000,
        "umum dan kepegawaian",
    ),
    (
        "2.12.01.2.06.0009",
        "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        95_000_000,
        "umum dan kepegawaian",
    ),
    ("2.12.01.2.08.0001", "Penyediaan Jasa Surat Menyurat", 15_000_000, "umum dan kepegawaian"),
    (
        "2.12.01.2.08.0002",
        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        240_000_000,
        "umum dan kepegawaian",
    ),
    (
        "2.12.01.2.08.0004",
        "Penyediaan Jasa Pelayanan Umum Kantor",
        420_000_000,
        "umum dan kepegawaian",
    ),
    (
        "2.12.01.2.09.0002",
        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas "
        "Operasional atau Lapangan",
        110_000_000,
        "umum dan kepegawaian",
    ),
    (
        "2.12.01.2.09.0009",
        "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
        180_000_000,
        "umum dan kepegawaian",
    ),
    (
        "2.12.02.2.01.0001",
        "Pelayanan KTP-el, Kartu Keluarga dan KIA (contoh demo)",
        1_250_000_000,
        "seksi identitas penduduk",
    ),
    (
        "2.12.02.2.02.0001",
        "Pelayanan Pindah Datang dan Pendataan Penduduk (contoh demo)",
        310_000_000,
        "pindah",
    ),
    (
        "2.12.03.2.01.0001",
        "Pelayanan Akta Kelahiran dan Akta Kematian (contoh demo)",
        780_000_000,
        "kelahiran dan kematian",
    ),
    (
        "2.12.03.2.01.0002",
        "Pelayanan Akta Perkawinan, Perceraian dan Perubahan Status (contoh demo)",
        150_000_000,
        "perkawinan",
    ),
    (
        "2.12.04.2.01.0001",
        "Pemeliharaan SIAK dan Jaringan Komunikasi Data (contoh demo)",
        640_000_000,
        "seksi pengelolaan informasi",
    ),
    (
        "2.12.04.2.02.0001",
        "Pengelolaan Dokumentasi Administrasi Kependudukan (contoh demo)",
        210_000_000,
        "dokumentasi",
    ),
    (
        "2.12.04.2.03.0001",
        "Kerja Sama dan Inovasi Pelayanan Administrasi Kependudukan (contoh demo)",
        165_000_000,
        "kerjasama",
    ),
    (
        "2.12.05.2.01.0001",
        "Penyusunan Profil Kependudukan Kabupaten (contoh demo)",
        85_000_000,
        "bidang pengelolaan informasi",
    ),
]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
NOTE_TEXTS = [
    (
        "Jemput bola perekaman KTP-el di sekolah dan pondok pesantren berjalan sesuai jadwal.",
        "Blanko KTP-el dari pusat terlambat dua minggu; antrean cetak menumpuk.",
        "Ajukan tambahan blanko ke Ditjen Dukcapil dan atur jadwal cetak malam.",
    ),
    (
        "Kerja sama dengan rumah sakit dan puskesmas mempercepat akta kelahiran bayi baru lahir.",
        "Sebagian desa belum melaporkan kematian tepat waktu.",
        "Sosialisasi pelaporan kematian kepada kepala desa di tiga kecamatan terendah.",
    ),
    (
        "Jaringan SIAK stabil setelah penggantian perangkat di kantor kecamatan.",
        "Dua kecamatan kehilangan koneksi VPN selama banjir.",
        "Siapkan koneksi cadangan seluler untuk kecamatan rawan banjir.",
    ),
    (
        "Survei kepuasan masyarakat selesai tepat waktu dengan 400 responden.",
        "Ruang tunggu pelayanan sempit pada jam sibuk.",
        "Tambah kursi tunggu dan nomor antrean daring.",
    ),
]
